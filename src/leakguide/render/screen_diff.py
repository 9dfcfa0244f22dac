"""Send the terminal only the cells that change. No Textual.

Textual repaints whole regions of the screen: a cursor move in the topic tree rewrites every
line of the tree and of the topic pane, and a scrollbar fades in another frame, although only
a few dozen cells look different. `ScreenDiff` keeps two pictures of the screen, cell by cell
(character, style, link): the one the app has drawn (`wanted`) and the one the terminal shows
(`shown`). Frames update the first; `take` writes the difference, in as few bytes as it can
(a run of changed cells with the style changes it needs, short gaps filled with the cells
already there rather than a cursor move), and makes the two pictures the same.

Because `take` writes the difference to the latest picture, frames drawn while the terminal
was still busy are never sent on their own: only their result (see the output driver).

Anything that is not a frame (mode changes, queries) passes through in order. Anything that
could change the screen behind our back (a switch of screen buffer, a clear, an unknown
sequence) or a change of terminal size makes the terminal's picture unknown: the next output
repaints every cell the app has drawn.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat

from .sgr import _apply, _parse, _transition

#: What a frame is made of: cursor positions, styles, hyperlinks, text, CR and LF.
_FRAME_TOKEN = re.compile(
    r"\x1b\[(\d*);?(\d*)H"  # cursor position
    r"|\x1b\[([0-9;]*)m"  # style
    r"|(\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x07|\x1b\\))"  # hyperlink start or end
    r"|([^\x1b\r\n]+)"  # text
    r"|(\r)|(\n)"
)
_WHOLE_FRAME = re.compile(f"(?:{_FRAME_TOKEN.pattern})*")
_CURSOR_POSITION = re.compile(r"\x1b\[\d*;?\d*H")
#: Sequences that change nothing on the screen (modes, titles, pointer shape, queries).
_HARMLESS = re.compile(
    r"\x1b\[\?(?!(?:1049|1047|47|3|5|6|69)[;hl$])[0-9;]*(?:[hl]|\$p)"  # private modes
    r"|\x1b\[[<>=?]?[0-9;]*u"  # keyboard protocol
    r"|\x1b\[[0-9;]*[cn]|\x1b\[>[0-9;]*c"  # device attributes, status reports
    r"|\x1b\](?:0|1|2|22);[^\x07\x1b]*(?:\x07|\x1b\\)"  # titles, pointer shape
    r"|\x1b\[0?m"
)
SYNC_START = "\x1b[?2026h"
SYNC_END = "\x1b[?2026l"
#: A gap of unchanged cells shorter than this is rewritten instead of jumped over.
_JUMP_COST = 6
#: Blank cells in a row, at least this many, are erased (ECH, or EL at the line's end) rather
#: than written as spaces: `ESC[12X` and a cursor step cost less than ten spaces.
_ERASE_AT_LEAST = 8
#: Attributes that do not show on a blank cell: a terminal that erases may leave them off.
_UNSEEN_ON_BLANKS = frozenset({1, 2, 3})


#: One character cell: (text, style, link); text is "" behind a wide character. Plain tuples:
#: a frame makes thousands, and a NamedTuple costs several times more to make.
Cell = tuple[str, str, str]
_TAIL: Cell = ("", "", "")  # the right half of a wide character


class ScreenDiff:
    """The screen as the app drew it and as the terminal shows it (see the module doc)."""

    def __init__(self, erase_with_background: bool = False) -> None:
        #: The terminal erases with the current background colour (terminfo's `bce`): runs of
        #: blanks on any background may be erased; without it, only those on the default one.
        self.erase_with_background = erase_with_background
        self.wanted: dict[int, dict[int, Cell]] = {}
        self.shown: dict[int, dict[int, Cell]] = {}
        self.size: tuple[int, int] | None = None
        self.cursor = (0, 0)  # where the app left the cursor (row, column)
        self.style = ""  # the style the app left in effect
        self._pending: list[str] = []  # output that must go first, in order
        self._dirty = False

    # -- input ----------------------------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        """The terminal is now `size` (columns, rows): what it shows is no longer known."""
        if size != self.size:
            self.size = size
            self.forget()

    def forget(self) -> None:
        """Neither picture is known any more (the terminal changed size, or something other
        than a frame wrote to it): only what the app draws from now on is sent, in full."""
        self.wanted.clear()
        self.shown.clear()

    def feed(self, data: str) -> None:
        """Take what the app writes: frames update the picture, the rest is kept in order."""
        if data in (SYNC_START, SYNC_END):
            return  # the output is written in one piece anyway
        if _CURSOR_POSITION.match(data) and self._is_frame(data):
            try:
                self._draw(data)
                return
            except Exception:  # noqa: BLE001 - never lose output: send this frame as it is
                self.forget()
        self._pending.append(self._difference())  # what the app drew before this, first
        self._pending.append(data)
        if _HARMLESS.sub("", data):
            self.forget()

    @property
    def has_output(self) -> bool:
        return self._dirty or bool(self._pending)

    def take(self) -> str:
        """Everything to write now: output kept in order, then the changed cells."""
        parts = self._pending
        self._pending = []
        parts.append(self._difference())
        return "".join(parts)

    # -- frames ---------------------------------------------------------------------------------
    @staticmethod
    def _is_frame(data: str) -> bool:
        return _WHOLE_FRAME.fullmatch(data) is not None

    def _draw(self, data: str) -> None:
        row = column = 0
        style, link = self.style, ""
        wanted = self.wanted
        for match in _FRAME_TOKEN.finditer(data):
            moved_row, moved_column, params, hyperlink, url, text, cr, _lf = match.groups()
            if text is not None:
                line = wanted.setdefault(row, {})
                if (text.isascii() and text.isprintable()) or _one_cell_each(text):
                    line.update(zip(range(column, column + len(text)),  # noqa: B905
                                    zip(text, repeat(style), repeat(link))))  # all at once
                    column += len(text)
                    continue
                for char in text:
                    width = _width(char)
                    if width == 0:
                        previous = line.get(column - 1)
                        if previous is not None and previous is not _TAIL:
                            line[column - 1] = (previous[0] + char, previous[1], previous[2])
                        continue
                    line[column] = (char, style, link)
                    if width == 2:
                        line[column + 1] = _TAIL
                    column += width
            elif params is not None:
                style = _normal(_apply(style, params))
            elif moved_row is not None:
                row, column = int(moved_row or 1) - 1, int(moved_column or 1) - 1
            elif hyperlink is not None:
                link = hyperlink if url else ""
            elif cr is not None:
                column = 0
            else:
                row += 1
        self.cursor = (row, column)
        self.style = style
        self._dirty = True

    # -- output ---------------------------------------------------------------------------------
    def _difference(self) -> str:
        if not self._dirty:
            return ""
        self._dirty = False
        out: list[str] = []
        style, link = "", ""
        at: tuple[int, int] | None = None
        columns, rows = self.size or (10_000, 10_000)
        for row in sorted(self.wanted):
            if row >= rows:
                continue
            line = self.wanted[row]
            shown = self.shown.setdefault(row, {})
            erased_to_end = False
            for start, end in _runs(line, shown, columns):
                if erased_to_end:
                    break  # the runs left on this line were erased with it
                if at != (row, start):
                    out.append(f"\x1b[{row + 1};{start + 1}H")
                column = start
                while column < end:
                    blanks = self._blanks(line, column, end, columns)
                    if blanks:  # erased, not written: the cursor stays where it is
                        blank = line[column]
                        if link:
                            out.append("\x1b]8;;\x1b\\")
                            link = ""
                        if blank[1] != style:
                            out.append(_transition(style, blank[1]))
                            style = blank[1]
                        shown.update(zip(range(column, column + blanks),  # noqa: B905
                                         repeat(blank)))
                        if column + blanks >= columns:
                            out.append("\x1b[K")  # to the end of the line
                            at = (row, column)
                            erased_to_end = True
                            break
                        out.append(f"\x1b[{blanks}X")
                        column += blanks
                        if column < end:
                            out.append(f"\x1b[{blanks}C")
                        else:
                            at = (row, column - blanks)
                            break
                        continue
                    cell = line.get(column)
                    if cell is None or cell is _TAIL:
                        column += 1  # behind a wide character (or never drawn: skipped)
                        if cell is None:
                            out.append(f"\x1b[{row + 1};{column + 1}H")
                        continue
                    text, cell_style, cell_link = cell
                    if cell_link != link:
                        out.append(cell_link or "\x1b]8;;\x1b\\")
                        link = cell_link
                    if cell_style != style:
                        out.append(_transition(style, cell_style))
                        style = cell_style
                    out.append(text)
                    shown[column] = cell
                    width = 2 if line.get(column + 1) is _TAIL else 1
                    if width == 2:
                        shown[column + 1] = _TAIL
                    column += width
                else:
                    at = (row, column)
        if not out:
            return ""
        if link:
            out.append("\x1b]8;;\x1b\\")
        if style != self.style:
            out.append(_transition(style, self.style))
        if at != self.cursor:
            out.append(f"\x1b[{self.cursor[0] + 1};{self.cursor[1] + 1}H")
        return "".join(out)


    def _blanks(self, line: dict[int, Cell], column: int, end: int, columns: int) -> int:
        """How many blank cells from `column` on to erase at once: 0 when they are too few to
        be worth it, or drawn in a style or link that erasing could not reproduce. Blanks that
        go on to the end of the line are all erased (EL), past `end` too."""
        cell = line.get(column)
        if cell is None or cell[0] != " " or cell[2] or not self._erasable(cell[1]):
            return 0
        count = 1
        while column + count < end and line.get(column + count) == cell:
            count += 1
        if column + count == end < columns and all(
                line.get(after) == cell for after in range(end, columns)):
            count = columns - column
        if column + count >= columns:
            needed = 3  # ESC[K
        elif column + count >= end:
            needed = 6  # ESC[nX, and the run ends there
        else:
            needed = _ERASE_AT_LEAST  # ESC[nX, then ESC[nC over them
        return count if count >= needed else 0

    def _erasable(self, style: str) -> bool:
        """True when erased cells look like blanks drawn in `style`: no attribute that shows
        on a blank (underline, reverse, ...), and a background the terminal erases with."""
        return _erasable(style, self.erase_with_background)


@lru_cache(maxsize=1024)
def _erasable(style: str, with_background: bool) -> bool:
    parsed = _parse(style)
    if parsed is None:
        return False
    attributes, _foreground, background = parsed
    return attributes <= _UNSEEN_ON_BLANKS and (with_background or not background)


def _runs(line: dict[int, Cell], shown: dict[int, Cell], columns: int) -> list[tuple[int, int]]:
    """[start, end) column ranges of `line` to rewrite: changed cells, joined over short gaps;
    a line with wide characters is rewritten from its first change to its last."""
    changed = sorted(column for column, cell in line.items()
                     if column < columns and shown.get(column) != cell)
    if not changed:
        return []
    wide = _TAIL in line.values() or _TAIL in shown.values()
    runs: list[list[int]] = []
    for column in changed:
        if runs and (wide or column - runs[-1][1] < _JUMP_COST):
            runs[-1][1] = column + 1
        else:
            runs.append([column, column + 1])
    if wide:
        start, end = runs[0]
        while start > 0 and (line.get(start) is _TAIL or shown.get(start) is _TAIL):
            start -= 1
        if line.get(end) is _TAIL:
            end += 1
        return [(start, end)]
    return [(start, end) for start, end in runs]


@lru_cache(maxsize=4096)
def _normal(style: str) -> str:
    """One spelling for each style (attributes sorted, then colours), so equal styles compare
    equal; an unusual style is kept as it is."""
    parsed = _parse(style)
    if parsed is None:
        return style
    attributes, foreground, background = parsed
    return ";".join([*(str(a) for a in sorted(attributes)), *filter(None, (foreground,
                                                                        background))])


@lru_cache(maxsize=4096)
def _one_cell_each(text: str) -> bool:
    """True when every character of `text` takes one cell (box lines, "…", most letters)."""
    return text.isprintable() and all(_width(char) == 1 for char in text)


@lru_cache(maxsize=4096)
def _width(char: str) -> int:
    from .cells import char_cells

    return char_cells(char)
