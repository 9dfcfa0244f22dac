"""Apps for snapshot tests: the browse screen on the small test guide, so pictures stay stable."""

from __future__ import annotations

from pathlib import Path

from leakguide.app import LeakGuideApp
from leakguide.content import load_guide
from leakguide.content.model import Guide

MINIMAL_GUIDE = Path(__file__).resolve().parent / "fixtures" / "minimal.toml"
#: The same guide with every text in Simplified Chinese too.
ZH_GUIDE = Path(__file__).resolve().parent / "fixtures" / "zh.toml"


def minimal_guide() -> Guide:
    result = load_guide(MINIMAL_GUIDE)
    assert result.guide is not None, result.problems
    return result.guide


def make_app(language: str = "en", **options) -> LeakGuideApp:
    """A fresh app on tests/fixtures/minimal.toml; in another language, on tests/fixtures/zh.toml
    in that language (the interface too: reset it with `set_language("en")` afterwards).
    `options` (AppOptions fields) are passed on."""
    if language == "en" and not options:
        return LeakGuideApp(minimal_guide())
    from leakguide.content.translations import localized
    from leakguide.i18n import set_language
    from leakguide.options import AppOptions

    set_language(language)
    path = MINIMAL_GUIDE if language == "en" else ZH_GUIDE
    result = load_guide(path)
    assert result.guide is not None, result.problems
    guide = localized(result.guide, language)
    return LeakGuideApp(guide, options=AppOptions(guide_path=str(path), **options))


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
