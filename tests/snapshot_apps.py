"""Apps for snapshot tests: the browse screen on the small test guide, so pictures stay stable."""

from __future__ import annotations

from pathlib import Path

from leakguide.app import LeakGuideApp
from leakguide.content import load_guide
from leakguide.content.model import Guide

MINIMAL_GUIDE = Path(__file__).resolve().parent / "fixtures" / "minimal.toml"


def minimal_guide() -> Guide:
    result = load_guide(MINIMAL_GUIDE)
    assert result.guide is not None, result.problems
    return result.guide


def make_app() -> LeakGuideApp:
    """A fresh app on tests/fixtures/minimal.toml."""
    return LeakGuideApp(minimal_guide())


app = make_app()


async def bodies_drawn(pilot) -> None:
    """Wait for the frame after the first, where bodies and Related are drawn (the first frame
    does not wait for the Markdown parser)."""
    from leakguide.content.links import markdown_parser_loaded
    from leakguide.widgets.related_list import RelatedList

    for _ in range(20):
        related = pilot.app.screen.query(RelatedList)
        if markdown_parser_loaded() and related and not related.first().bodies_waiting:
            return
        await pilot.pause()
    raise AssertionError("the bodies were never drawn")
