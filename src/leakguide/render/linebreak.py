"""Where a line may break: one rule for every front end. No Textual.

English breaks at spaces. Text with wide (CJK) characters also breaks between them, except
that closing punctuation (，。）…) never starts a line, opening punctuation (（「《…) never
ends one, and a short run of Latin words and numbers inside Chinese ("NHS 111", "j k") or inside
brackets ("（英国）") stays on one line. The plain-text tools wrap with `wrap_spans`; the app's
Rich and Textual text wraps with `divide_line` (put in place by
`textual_private.break_lines_by_the_rule`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .cells import cells

#: Wide punctuation that must not start a line: it stays with the character before it.
NO_LINE_START = frozenset("，。、；：！？）」』》〉】〕〗］｝”’…·～％")
#: Wide punctuation that must not end a line: it stays with the character after it.
NO_LINE_END = frozenset("（「『《〈【〔〖［｛“‘")
#: The widest run of Latin words inside Chinese text that is kept on one line, in cells.
LATIN_RUN_CELLS = 12
#: Wide brackets, opening to closing. What is between a pair is kept on one line with them
#: while it takes at most `BRACKET_RUN_CELLS` ("（英国）", not "（英" / "国）").
BRACKET_PAIRS = {"（": "）", "「": "」", "『": "』", "《": "》", "〈": "〉", "【": "】",
                 "〔": "〕", "〖": "〗", "［": "］", "｛": "｝", "“": "”", "‘": "’"}
BRACKET_RUN_CELLS = 6

_WORD = re.compile(r"\S+")
_BREAK, _JOIN, _GLUE = 0, 1, 2


def has_wide(text: str) -> bool:
    """Whether `text` has a wide (CJK) character, so the Chinese rules apply."""
    if text.isascii():
        return False
    from rich.cells import get_character_cell_size as size  # the measure of `cells.char_cells`

    return any(size(char) == 2 for char in text if char > "\x7f")


def _columns(text: str) -> list[int]:
    """The column each character of `text` starts at, and then where the text ends."""
    from rich.cells import get_character_cell_size as size  # the measure of `cells.char_cells`

    columns = [0]
    at = 0
    for char in text:
        at += 1 if char < "\x7f" else size(char)
        columns.append(at)
    return columns


def _atoms(text: str, columns: list[int]) -> list[tuple[int, int, bool]]:
    """(start, end, narrow) of each smallest piece: a word, or in a word with wide characters
    each wide character and each run of narrow ones."""
    atoms: list[tuple[int, int, bool]] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        if columns[end] - columns[start] == end - start:
            atoms.append((start, end, True))
            continue
        run = start
        for at in range(start, end):
            if columns[at + 1] - columns[at] == 2:
                if run < at:
                    atoms.append((run, at, True))
                atoms.append((at, at + 1, False))
                run = at + 1
        if run < end:
            atoms.append((run, end, True))
    return atoms


def break_spans(text: str, columns: list[int] | None = None) -> list[tuple[int, int]]:
    """The pieces of `text` a line must not break inside, as (start, end) offsets in order.
    Whitespace between two pieces is where a line breaks by a space. `columns`: `_columns`
    of `text`, when already known."""
    if not has_wide(text):
        return [match.span() for match in _WORD.finditer(text)]
    columns = columns or _columns(text)
    atoms = _atoms(text, columns)
    links: list[int] = []
    for (_, a_end, a_narrow), (b_start, _, b_narrow) in zip(atoms, atoms[1:], strict=False):
        if text[b_start] in NO_LINE_START or text[a_end - 1] in NO_LINE_END:
            links.append(_JOIN)
        elif a_end == b_start:  # a wide character next to another piece: CJK breaks here
            links.append(_BREAK)
        elif a_narrow and b_narrow:
            links.append(_GLUE)
        else:
            links.append(_BREAK)
    # A run of Latin words glued by spaces stays whole only while it is short.
    index = 0
    while index < len(links):
        if links[index] != _GLUE:
            index += 1
            continue
        end = index
        while end < len(links) and links[end] == _GLUE:
            end += 1
        if columns[atoms[end][1]] - columns[atoms[index][0]] > LATIN_RUN_CELLS:
            links[index:end] = [_BREAK] * (end - index)
        index = end
    _join_short_brackets(text, columns, atoms, links)
    spans: list[tuple[int, int]] = []
    start = atoms[0][0] if atoms else 0
    for (_, a_end, _), link, (b_start, _, _) in zip(atoms, links, atoms[1:], strict=False):
        if link == _BREAK:
            spans.append((start, a_end))
            start = b_start
    if atoms:
        spans.append((start, atoms[-1][1]))
    return spans


def _join_short_brackets(text: str, columns: list[int], atoms: list[tuple[int, int, bool]],
                         links: list[int]) -> None:
    """Join the pieces of each short bracketed run ("（英国）"), so that a line breaks before
    or after it but not inside (a run wider than a line is still cut where it must be)."""
    for first, (start, _, _) in enumerate(atoms):
        closing = BRACKET_PAIRS.get(text[start])
        if closing is None:
            continue
        for last in range(first + 1, len(atoms)):
            at = atoms[last][0]
            inside = columns[at] - columns[atoms[first][1]]
            if inside > BRACKET_RUN_CELLS or text[at] in BRACKET_PAIRS:
                break
            if text[at] == closing:
                links[first:last] = [_JOIN] * (last - first)
                break


def wrap_spans(text: str) -> list[tuple[str, bool]]:
    """The unbreakable pieces of one paragraph for plain text, each with whether a space comes
    before it (spaces inside a piece become single spaces)."""
    pieces: list[tuple[str, bool]] = []
    previous_end = -1
    for start, end in break_spans(text):
        piece = " ".join(text[start:end].split())
        pieces.append((piece, previous_end == -1 or start > previous_end))
        previous_end = end
    return pieces


def divide_line(text: str, width: int, fold: bool = True,
                original: Callable[..., list[int]] | None = None) -> list[int]:
    """Offsets at which to break one line of `text` to fit `width` cells: Rich's and Textual's
    `divide_line`, following the rule above. Text without wide characters goes to `original`
    (Rich's own) when given, so English wraps exactly as before."""
    if original is not None and not has_wide(text):
        return original(text, width, fold=fold)
    from rich.cells import chop_cells

    breaks: list[int] = []
    used = 0
    previous_end = 0
    columns = _columns(text)
    for start, end in break_spans(text, columns):
        gap = columns[start] - columns[previous_end]
        size = columns[end] - columns[start]
        if used + gap + size <= width:
            used += gap + size
        elif size > width and fold:
            if start:
                breaks.append(start)
            at = start
            pieces = chop_cells(text[start:end], width)
            for piece in pieces[:-1]:
                at += len(piece)
                breaks.append(at)
            used = cells(pieces[-1])
        else:
            if start and used:
                breaks.append(start)
            used = size
        previous_end = end
    return breaks
