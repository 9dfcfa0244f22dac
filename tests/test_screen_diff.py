"""Sending only the cells that change paints, cell for cell, what Textual's own output paints."""

from __future__ import annotations

import random
import re

from rich.color import ColorSystem
from test_sgr_compaction import Screen

from leakguide.app import LeakGuideApp
from leakguide.options import AppOptions
from leakguide.render.screen_diff import ScreenDiff
from leakguide.textual_private import compositor_of

ALT_SCREEN = "\x1b[?1049h"


def split_by_cursor_moves(frame: str) -> list[str]:
    """A full frame cut into its pieces, each starting with a cursor position."""
    pieces, start = [], 0
    for index in range(1, len(frame)):
        if frame.startswith("\x1b[", index) and _is_position(frame, index):
            pieces.append(frame[start:index])
            start = index
    pieces.append(frame[start:])
    return pieces


def _is_position(text: str, index: int) -> bool:
    end = index + 2
    while end < len(text) and (text[end].isdigit() or text[end] == ";"):
        end += 1
    return end < len(text) and text[end] == "H" and end > index + 2


def assert_paints_the_same(frames: list[str], erase_with_background: bool = True) -> int:
    """Feed `frames` to a terminal directly and through a ScreenDiff; after every frame both
    terminals show the same cells (as a reader sees them: a blank erased rather than written
    has no bold). Returns the bytes the ScreenDiff wrote."""
    direct, diffed = Screen(), Screen()
    diffed.erases_with_background = erase_with_background
    diff = ScreenDiff(erase_with_background=erase_with_background)
    diff.resize((80, 24))
    written = 0
    for frame in frames:
        direct.feed(frame)
        diff.feed(frame)
        output = diff.take()
        written += len(output.encode())
        diffed.feed(output)
        assert diffed.seen() == direct.seen()
        assert diffed.style == direct.style
        assert (diffed.row, diffed.col) == (direct.row, direct.col)  # the cursor too
    return written


async def real_frames(theme: str = "default") -> list[str]:
    app = LeakGuideApp(options=AppOptions(theme=theme, fresh=True))
    frames = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.console._color_system = ColorSystem.TRUECOLOR
        for key in ("", "j", "j", "l", "j", "tab", "j", "slash", "m", "escape", "a"):
            if key:
                await pilot.press(key)
            await pilot.pause()
            frames.append(compositor_of(app.screen).render_update(full=True).render_segments(
                app.console) + "\x1b[5;7H")  # Textual ends a frame at the cursor's place
    return frames


async def test_whole_frames_paint_the_same_and_repeat_nothing():
    frames = await real_frames()
    written = assert_paints_the_same(frames)
    assert written < 0.5 * sum(len(frame.encode()) for frame in frames)
    diff = ScreenDiff()
    diff.feed(frames[0])
    diff.take()
    diff.feed(frames[0])
    assert diff.take() == ""  # the same picture again: nothing to send


async def test_partial_frames_in_any_order_paint_the_same():
    frames = await real_frames("high-contrast")
    pieces = [piece for frame in frames for piece in split_by_cursor_moves(frame)]
    chooser = random.Random(18)
    for _ in range(3):
        partial = ["".join(chooser.sample(pieces, 6)) for _ in range(30)]
        assert_paints_the_same(partial)


async def test_blank_runs_are_erased_where_the_terminal_erases_with_the_background():
    """With `bce`, runs of blanks go as ECH/EL instead of spaces: fewer bytes, the same cells.
    Without it, only blanks on the default background are erased (none in the default
    theme), and the picture is still the same on a terminal that erases with the default."""
    frames = await real_frames()
    erased = assert_paints_the_same(frames, erase_with_background=True)
    written = assert_paints_the_same(frames, erase_with_background=False)
    assert erased < written
    diff = ScreenDiff(erase_with_background=True)
    diff.resize((80, 24))
    diff.feed(frames[0])
    assert re.search(r"\x1b\[\d+X", diff.take())


def test_only_blanks_that_erasing_reproduces_are_erased():
    """Underlined, reversed or linked blanks, and a few blanks, are written as spaces; a run
    of plain or bold blanks is erased (ECH), and blanks to the end of the line with EL."""
    pad = " " * 12
    frames = [
        "\x1b[1;1H\x1b[4m" + pad + "\x1b[0m|\x1b[7m" + pad + "\x1b[0m|"
        "\x1b]8;;https://x.org\x1b\\" + pad + "\x1b]8;;\x1b\\|   |",
        "\x1b[2;1H\x1b[1;48;5;4mA" + pad + "B\x1b[3;1H\x1b[48;5;4mC" + " " * 79 + "\x1b[0m",
    ]
    diff = ScreenDiff(erase_with_background=True)
    diff.resize((80, 24))
    diff.feed(frames[0])
    first = diff.take()
    assert "X" not in first and "\x1b[K" not in first
    diff.feed(frames[1])
    second = diff.take()
    assert "\x1b[12X\x1b[12CB" in second and second.count("\x1b[K") == 1
    assert_paints_the_same(frames)
    assert_paints_the_same(frames, erase_with_background=False)


def test_wide_characters_links_and_combining_marks_paint_the_same():
    frames = [
        "\x1b[1;1H\x1b[1m乳汁漏出\x1b[0m ok\x1b[2;1He\u0301t\u00e9\x1b[0m",
        "\x1b[1;3Hab\x1b[2;1H\x1b]8;id=1;https://x.org\x1b\\\x1b[4mlink\x1b[0m\x1b]8;;\x1b\\",
        "\x1b[1;1H\x1b[1m乳汁\x1b[0m漏出!!\x1b[2;2H\x1b[7mX\x1b[0m",
        "\x1b[1;1Hplain text only\x1b[3;1H\x1b[38;2;1;2;3;48;2;4;5;6m中\x1b[0m",
    ]
    assert_paints_the_same(frames)


def test_anything_else_passes_through_in_order_and_forgets_the_picture():
    diff = ScreenDiff()
    diff.feed("\x1b[1;1Hone")
    diff.feed("\x1b[?25l\x1b[?1000h")  # harmless: modes
    diff.feed("\x1b[1;1Htwo")
    diff.feed(ALT_SCREEN)  # another screen buffer: nothing known of it
    diff.feed("\x1b[1;1Htwo")
    output = diff.take()
    assert output.index("one") < output.index("\x1b[?25l") < output.index(ALT_SCREEN)
    assert output.rindex("two") > output.index(ALT_SCREEN)  # repainted after the switch


def test_a_new_terminal_size_repaints_everything():
    diff = ScreenDiff()
    diff.resize((80, 24))
    diff.feed("\x1b[1;1Habc")
    diff.take()
    diff.resize((60, 20))
    diff.feed("\x1b[1;1Habc")
    assert "abc" in diff.take()


def test_a_frame_it_cannot_draw_is_sent_as_it_is(monkeypatch):
    diff = ScreenDiff()
    diff.feed("\x1b[1;1Hbefore")
    diff.take()

    def broken(self, data):
        raise ValueError("a bug")

    monkeypatch.setattr(ScreenDiff, "_draw", broken)
    diff.feed("\x1b[2;1Hafter")
    assert diff.take().endswith("\x1b[2;1Hafter")
