"""Themes (`--theme`): each pictured at 80×24, chosen by flag, remembered, and NO_COLOR's mono.

Record the pictures with `pytest tests/test_themes.py --snapshot-update` and look at them.
"""

from __future__ import annotations

import pytest
from conftest import run_cli
from snapshot_apps import MINIMAL_GUIDE, bodies_drawn, keys_then_pane_follows
from test_flow_screens import make_app

from leakguide.state import load_state
from leakguide.themes import THEME_NAMES, textual_themes, theme_for


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_browse_screen_in_each_theme(snap_compare, tmp_path, theme):
    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, fresh=True, theme=theme)
    assert snap_compare(app, terminal_size=(80, 24),
                        run_before=keys_then_pane_follows("j", "j", first=bodies_drawn))


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_outcome_in_each_theme(snap_compare, tmp_path, theme):
    app = make_app(tmp_path, fresh=True, theme=theme)
    assert snap_compare(app, press=["a", "1", "3"], terminal_size=(80, 24))


async def test_the_flag_chooses_the_theme_and_it_is_remembered(tmp_path):
    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, theme="terminal")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "terminal"
        assert app.ansi_color  # the reader's own palette, no 24-bit colour
    assert load_state(tmp_path / "state").state.theme == "terminal"

    again = make_app(tmp_path, guide_path=MINIMAL_GUIDE)  # no flag: the saved choice
    async with again.run_test(size=(80, 24)):
        assert again.theme == "terminal"

    # --fresh forgets the place only
    fresh = make_app(tmp_path, guide_path=MINIMAL_GUIDE, fresh=True)
    async with fresh.run_test(size=(80, 24)):
        assert fresh.theme == "terminal"

    # a new choice replaces it
    other = make_app(tmp_path, guide_path=MINIMAL_GUIDE, theme="high-contrast")
    async with other.run_test(size=(80, 24)):
        assert other.theme == "high-contrast"
    assert load_state(tmp_path / "state").state.theme == "high-contrast"


async def test_no_color_gives_mono_without_forgetting_the_choice(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "")
    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, theme="high-contrast")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "mono"
    assert load_state(tmp_path / "state").state.theme == "high-contrast"


def test_theme_order_no_color_then_flag_then_saved():
    assert theme_for("terminal", "mono", {"NO_COLOR": "1"}) == "mono"
    assert theme_for("terminal", "mono", {}) == "terminal"
    assert theme_for(None, "high-contrast", {}) == "high-contrast"
    assert theme_for(None, "no-such-theme", {}) == "default"  # a hand-edited state file


def test_terminal_and_mono_use_no_24_bit_colour():
    for theme in textual_themes():
        if theme.name in ("terminal", "mono"):
            colours = [theme.primary, theme.secondary, theme.accent, theme.warning, theme.error,
                       theme.success, theme.foreground, theme.background, theme.surface,
                       theme.panel, theme.boost,
                       *(value for name, value in theme.variables.items()
                         if "style" not in name)]
            assert getattr(theme, "ansi", True)  # (Textual before 8 has no such field)
            assert all(colour.startswith("ansi_") for colour in colours), colours
    mono = next(theme for theme in textual_themes() if theme.name == "mono")
    assert {mono.primary, mono.accent, mono.error, mono.warning} == {"ansi_default"}


def test_a_bad_theme_name_lists_the_themes():
    result = run_cli("--theme", "purple", env={"TERM": "xterm-256color"})
    assert result.returncode == 2
    assert "there is no theme 'purple'" in result.stderr
    assert "default, terminal, high-contrast, mono" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_themes():
    result = run_cli("--help")
    assert "--theme NAME" in result.stdout and "high-contrast" in result.stdout


@pytest.mark.parametrize("theme", ["mono", "terminal"])
async def test_without_colour_the_cursor_and_highlight_still_show(tmp_path, theme):
    """Reverse video on the tree's cursor; underline on an option list's highlight (Textual
    draws that without reverse video, and these themes have no colour to show it with)."""
    app = make_app(tmp_path, fresh=True, theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.screen.query_one("#tree")
        cursor_line = tree.render_line(tree.cursor_line - tree.scroll_offset.y)
        assert any(segment.style and segment.style.reverse for segment in cursor_line)
        for key in ("a", "1", "3"):
            await pilot.press(key)
        await pilot.pause()
        read_next = app.screen.query_one("#outcome-topics")
        first = read_next.render_line(0)
        assert all(segment.style.underline and segment.style.bold for segment in first)
        second = read_next.render_line(1)
        assert not any(segment.style.underline for segment in second)


async def test_t_cycles_the_themes_says_which_and_remembers_the_last(tmp_path):
    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "default" and not app.ansi_color
        seen = []
        for _ in THEME_NAMES:
            await pilot.press("t")
            await pilot.pause()
            seen.append((app.theme, app.ansi_color))
            assert app._notifications, "no notice names the new theme"
            assert list(app._notifications)[-1].message == f"Theme: {app.theme}"
        assert seen == [("terminal", True), ("high-contrast", False), ("mono", True),
                        ("default", False)]
        await pilot.press("t")
    assert load_state(tmp_path / "state").state.theme == "terminal"


async def test_a_shared_hosted_account_keeps_no_theme_for_the_next_reader(tmp_path):
    from leakguide.hosted import SHARED, hosted_options
    from leakguide.options import AppOptions

    shared = hosted_options(AppOptions(state_dir=str(tmp_path / "state")), SHARED)._asdict()
    shared.pop("guide_path")
    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, **shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == "terminal" and app.state_dir is None
    assert not (tmp_path / "state").exists()
    again = make_app(tmp_path, guide_path=MINIMAL_GUIDE, **shared)
    async with again.run_test(size=(80, 24)):
        assert again.theme == "default"


async def test_with_no_color_the_theme_key_is_not_offered(tmp_path, monkeypatch):
    """NO_COLOR keeps the colours off, so `t` could only say so: neither the key bar nor help
    offers it, and pressed it changes nothing."""
    from leakguide.screens.help import HelpScreen, help_sections
    from leakguide.widgets.key_bar import KeyBar

    def offered() -> tuple[list[str | None], list[str]]:
        bar = app.screen.query_one(KeyBar).keys()
        listed = [line.description for _title, lines in help_sections(app.screen)
                  for line in lines]
        return [key.id for key in bar], listed

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, fresh=True)
    async with app.run_test(size=(120, 24)) as pilot:
        bar, listed = offered()
        assert "app.theme" not in bar and "app.help" in bar, bar
        assert "Theme" not in listed and "Quit" in listed, listed
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == "mono"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
    monkeypatch.delenv("NO_COLOR")
    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, fresh=True)
    async with app.run_test(size=(120, 24)):
        bar, listed = offered()
        assert "app.theme" in bar and "Theme" in listed


async def test_t_typed_in_search_is_a_letter_not_a_theme(tmp_path):
    from textual.widgets import Input

    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"teat")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "teat"
        assert app.theme == "default"


async def test_a_theme_chosen_with_t_looks_as_if_started_in_it(tmp_path):
    """Every cell in the same colours as an app started with `--theme` (the topic view's
    page, drawn in its component styles, included)."""
    import re

    def picture(app) -> str:
        app.clear_notifications()
        return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())

    async def settled(pilot) -> None:
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()
        await pilot.pause()

    cycled = {}
    app = make_app(tmp_path, guide_path=MINIMAL_GUIDE, fresh=True, state_dir=None, hosted=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in THEME_NAMES:
            await pilot.press("t")
            await settled(pilot)
            cycled[app.theme] = picture(app)
    for theme, seen in cycled.items():
        started = make_app(tmp_path, guide_path=MINIMAL_GUIDE, fresh=True, state_dir=None,
                           hosted=True, theme=theme)
        async with started.run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            assert seen == picture(started), theme
