"""Compacted output must paint exactly the same screen as Textual's own output."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from rich.color import ColorSystem

from leakguide.app import LeakGuideApp
from leakguide.render.sgr import SgrCompactor, compact_sgr
from leakguide.textual_private import compositor_of

_TOKEN = re.compile(
    r"\x1b\[([0-9;?]*)([A-Za-z])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (links): paints nothing
    r"|([^\x1b])"
)


class Screen:
    """Just enough of a terminal: cursor moves, SGR, and cells of (character, style)."""

    def __init__(self, width: int = 80, height: int = 24) -> None:
        self.width, self.height = width, height
        self.cells: dict[tuple[int, int], tuple[str, tuple]] = {}
        self.row = self.col = 0
        self.attributes: set[int] = set()
        self.fg = self.bg = ""
        #: Erased cells take the current background (terminfo's `bce`), else the default one.
        self.erases_with_background = True

    @property
    def style(self) -> tuple:
        return (frozenset(self.attributes), self.fg, self.bg)

    def feed(self, data: str) -> Screen:
        for match in _TOKEN.finditer(data):
            params, final, char = match.groups()
            if char is not None:
                self._char(char)
            elif final == "m":
                self._sgr(params)
            elif final and final in "Hf":
                row, _, col = params.partition(";")
                self.row, self.col = int(row or 1) - 1, int(col or 1) - 1
            elif final == "X":  # erase characters: blanks in the background (as with bce)
                self._erase(self.col, self.col + int(params or 1))
            elif final == "K" and params in ("", "0"):  # erase to the end of the line
                self._erase(self.col, self.width)
            elif final == "C":  # cursor forward
                self.col = min(self.col + int(params or 1), self.width - 1)
        return self

    def _erase(self, start: int, end: int) -> None:
        """Blank cells as a terminal erases them: no attributes, and the current background
        (xterm's `bce`) or the default one. The cursor does not move."""
        background = self.bg if self.erases_with_background else ""
        for col in range(start, min(end, self.width)):
            self.cells[self.row, col] = (" ", (frozenset(), self.fg, background))

    def seen(self) -> dict[tuple[int, int], tuple[str, tuple]]:
        """The cells as a reader sees them: on a blank, bold, dim and italic do not show, nor
        does the foreground colour."""
        return {place: (" ", (frozenset(), "", style[2]))
                if char == " " and style[0] <= {1, 2, 3} else (char, style)
                for place, (char, style) in self.cells.items()}

    def _char(self, char: str) -> None:
        if char == "\r":
            self.col = 0
        elif char == "\n":
            self.row += 1
        else:
            width = cell_len(char)
            if width == 0:  # a combining mark joins the character before it
                before = self.cells.get((self.row, self.col - 1), ("", ()))
                self.cells[self.row, self.col - 1] = (before[0] + char, before[1])
                return
            self.cells[self.row, self.col] = (char, self.style)
            if width == 2:  # a wide character covers the next cell too
                self.cells[self.row, self.col + 1] = ("", self.style)
            self.col += width

    def _sgr(self, params: str) -> None:
        parts = (params or "0").split(";")
        index = 0
        while index < len(parts):
            code = int(parts[index] or 0)
            if code in (38, 48):
                size = 5 if parts[index + 1] == "2" else 3
                value = ";".join(parts[index : index + size])
                if code == 38:
                    self.fg = value
                else:
                    self.bg = value
                index += size
                continue
            if code == 0:
                self.attributes.clear()
                self.fg = self.bg = ""
            elif code in (39,):
                self.fg = ""
            elif code in (49,):
                self.bg = ""
            elif 30 <= code <= 37 or 90 <= code <= 97:
                self.fg = str(code)
            elif 40 <= code <= 47 or 100 <= code <= 107:
                self.bg = str(code)
            elif code == 22:
                self.attributes -= {1, 2}
            elif 23 <= code <= 29:
                self.attributes -= {code - 20}
            else:
                self.attributes.add(code)
            index += 1


def assert_same_screen(original: str, compacted: str) -> None:
    before, after = Screen().feed(original), Screen().feed(compacted)
    assert after.cells == before.cells
    assert after.style == before.style  # and the style left in effect afterwards


@pytest.mark.parametrize(
    "frame",
    [
        "\x1b[1;38;2;1;2;3;48;2;4;5;6mAB\x1b[0m\x1b[1;38;2;1;2;3;48;2;4;5;6mCD\x1b[0m",
        "\x1b[38;2;1;2;3mA\x1b[0m plain \x1b[1mB\x1b[0m\x1b[1;3mC\x1b[0m\x1b[3mD\x1b[0m",
        "\x1b[7;38;5;12mA\x1b[0m\x1b[5;9H\x1b[38;5;12mB\x1b[0m\n\x1b[6;1H\x1b[38;5;12mC\x1b[0m",
        "\x1b[31;42mA\x1b[0m\x1b[31mB\x1b[0m\x1b[42mC\x1b[0m\x1b[39;49mD\x1b[0m",
        "\x1b[1mA\x1b[0m\x1b]8;id=1;https://x.org\x1b\\\x1b[1mlink\x1b[0m\x1b]8;;\x1b\\\x1b[1mB",
        "text only, no styles",
        "\x1b[1mA\x1b[22mB\x1b[0;4mC\x1b[m D",
    ],
)
def test_handmade_frames_paint_the_same(frame):
    assert_same_screen(frame, compact_sgr(frame))


def test_repeated_styles_are_sent_once():
    style = "\x1b[38;2;224;224;224;48;2;18;18;18m"
    frame = "".join(f"{style}{word}\x1b[0m" for word in ("one ", "two ", "three"))
    compacted = compact_sgr(frame)
    assert compacted == f"{style}one two three\x1b[0m"


async def test_real_frames_paint_the_same_and_are_smaller():
    app = LeakGuideApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.console._color_system = ColorSystem.TRUECOLOR
        frames = []
        for key in ("", "j", "j", "l", "j", "tab", "j"):
            if key:
                await pilot.press(key)
            await pilot.pause()
            frames.append(compositor_of(app.screen).render_update(full=True).render_segments(
                app.console))
    for frame in frames:
        compacted = compact_sgr(frame)
        assert_same_screen(frame, compacted)
        assert len(compacted.encode()) < 0.7 * len(frame.encode())


async def test_frames_written_in_pieces_still_paint_the_same():
    app = LeakGuideApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.console._color_system = ColorSystem.TRUECOLOR
        await pilot.pause()
        frame = compositor_of(app.screen).render_update(full=True).render_segments(app.console)
    for size in (8192, 1000, 77):  # Textual writes in 8 KB pieces on Windows
        compactor = SgrCompactor()
        pieces = [frame[i : i + size] for i in range(0, len(frame), size)]
        output = "".join(compactor.compact(piece) for piece in pieces)
        assert_same_screen(frame + frame, output + compactor.compact(frame))
