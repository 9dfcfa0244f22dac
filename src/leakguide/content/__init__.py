"""The guide's content: model, loader, validation. Never imports Textual."""

from .loader import LoadResult, load_guide, load_guide_text
from .model import Guide
from .problems import Problem

__all__ = ["Guide", "LoadResult", "Problem", "load_guide", "load_guide_text", "bundled_guide_path"]


def bundled_guide_path() -> str:
    """The guide shipped with the package (or, in a source checkout, the one at the repo top)."""
    from importlib import resources
    from pathlib import Path

    packaged = resources.files("leakguide").joinpath("guide.toml")
    if packaged.is_file():
        return str(packaged)
    return str(Path(__file__).resolve().parents[3] / "guide.toml")
