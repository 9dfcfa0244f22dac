"""How the app was asked to start, and the reader's own directories. Plain data: no Textual."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NamedTuple


def user_dir(kind: Literal["state", "data", "log"]) -> Path:
    """The platform's per-user directory of this kind for leakguide (not created here): the
    reader's place (`state`), saved summaries under `data`, the error log (`log`)."""
    import platformdirs

    if kind == "state":
        return Path(platformdirs.user_state_dir("leakguide", appauthor=False))
    if kind == "data":
        return Path(platformdirs.user_data_dir("leakguide", appauthor=False))
    return Path(platformdirs.user_log_dir("leakguide", appauthor=False))


class AppOptions(NamedTuple):
    """Start-up choices from the command line (all optional; defaults suit a reader)."""

    guide_path: str = ""
    fresh: bool = False
    save_dir: str | None = None
    state_dir: str | None = None
    hosted: bool = False
    start_topic: str | None = None
    answers: tuple[str, ...] = ()
    watch: bool = False
    #: Running under `leakguide serve` (textual-serve): a browser session, always hosted.
    browser: bool = False
    #: The reader's keymap file (`--keys`, or the one in the config directory), if any.
    keys_path: str | None = None
    #: `--theme NAME` (one of `themes.THEME_NAMES`), or None for the saved or default theme.
    theme: str | None = None
