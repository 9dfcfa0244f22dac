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
