"""The tests' one app factory (`make_app`), and the app the browse snapshots picture: the small
test guide, so pictures stay stable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from leakguide.app import LeakGuideApp
from leakguide.content import load_guide
from leakguide.content.model import Guide
from leakguide.options import AppOptions

MINIMAL_GUIDE = Path(__file__).resolve().parent / "fixtures" / "minimal.toml"
#: The same guide with every text in Simplified Chinese too.
ZH_GUIDE = Path(__file__).resolve().parent / "fixtures" / "zh.toml"


def minimal_guide() -> Guide:
    result = load_guide(MINIMAL_GUIDE)
    assert result.guide is not None, result.problems
    return result.guide


def make_app(tmp_path: Path | None = None, guide_path: Path | None = None,
             language: str = "en", **options: Any) -> LeakGuideApp:
    """The tests' one app factory: an app on the guide at `guide_path` (the minimal fixture
    unless told; in another `language`, tests/fixtures/zh.toml localized, and the interface in
    that language too: reset it with `set_language("en")` afterwards), started with `options`
    (fields of AppOptions). With `tmp_path`, it keeps its state and saved summaries there."""
    if language != "en":
        from leakguide.i18n import set_language

        set_language(language)
    path = guide_path or (MINIMAL_GUIDE if language == "en" else ZH_GUIDE)
    result = load_guide(path)
    assert result.guide is not None, result.problems
    guide = result.guide
    if language != "en":
        from leakguide.content.translations import localized

        guide = localized(guide, language)
    kept = {"state_dir": str(tmp_path / "state"),
            "save_dir": str(tmp_path / "saved")} if tmp_path is not None else {}
    options = {"guide_path": str(path), **kept, **options}
    return LeakGuideApp(guide, options=AppOptions(**options))


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


async def pane_follows(pilot) -> None:
    """Wait until the browse screen's content pane follows the tree cursor: after keys pressed
    quickly (as held keys are) it waits for them to stop (`BrowseScreen.pane_waits`)."""
    from leakguide.screens.browse import BrowseScreen

    for _ in range(200):
        await pilot.pause()
        screen = pilot.app.screen
        if not (isinstance(screen, BrowseScreen) and screen.pane_waits):
            return
        await pilot.pause(0.05)
    raise AssertionError("the content pane never followed the cursor")


async def notices_told(pilot) -> str:
    """The words of every notice shown so far, once there is one: notices at start come after
    the first frame (`LeakGuideApp._tell`), which a busy machine may not have drawn yet."""
    for _ in range(100):
        notices = list(pilot.app._notifications)
        if notices:
            return " ".join(str(notice.message) for notice in notices)
        await pilot.pause(0.02)
    raise AssertionError("no notice was shown")


def keys_then_pane_follows(*keys: str, first=None):
    """A `run_before` for `snap_compare`: (after `first`) press `keys`, then wait until the
    content pane follows the tree cursor (see `pane_follows`)."""

    async def run_before(pilot) -> None:
        if first is not None:
            await first(pilot)
        await pilot.press(*keys)
        await pane_follows(pilot)

    return run_before
