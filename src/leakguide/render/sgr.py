"""Shorter terminal output: send only the colour and style changes the screen needs. No Textual.

Textual writes every run of text as `ESC[<style>m text ESC[0m`, so runs side by side repeat
their style in full, and a 24-bit colour costs about 19 bytes. Over SSH those bytes are most of
what a key press sends. `SgrCompactor` rewrites a frame so that the terminal ends up showing
exactly the same cells: a style is sent only just before something is painted with it, not at
all when it is already in effect, and as a change (say, only the new foreground) when it adds
to the current one.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
#: Sequences that only move the cursor: nothing is painted, so the style may wait. A newline
#: right before a cursor position is how Textual ends a line that is not the screen's last.
_CURSOR_MOVE = re.compile(r"\n?\x1b\[[0-9;]*[ABCDEFGHd]")
_TWO_BYTE_ESCAPE = re.compile(r"\x1b[ -/]*[0-~]")
_STRING_ESCAPE = re.compile(r"\x1b[PX^_][^\x1b]*\x1b\\")
_ESCAPE_BY_KIND = {
    "[": re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]"),
    "]": re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"),
    "P": _STRING_ESCAPE, "X": _STRING_ESCAPE, "^": _STRING_ESCAPE, "_": _STRING_ESCAPE,
}
#: Attributes that can be added on top of a style (bold, dim, italic, underline, ...).
_ATTRIBUTES = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 21, 51, 52, 53})


class SgrCompactor:
    """Rewrites the frames of one output stream; keeps whether the last one ended cleanly."""

    def __init__(self) -> None:
        self._reset_at_start = True

    def compact(self, data: str) -> str:
        """The same screen as `data`, in fewer bytes (or `data` itself when unsure)."""
        if "\x1b[" not in data:
            return data
        complete = _ends_complete(data)
        if not (self._reset_at_start and complete):
            # A frame split mid-sequence, or a style left open by the last write: pass it on.
            self._reset_at_start = complete and _final_style(data) == ""
            return data
        compacted, final = _compact(data)
        self._reset_at_start = final == ""
        return compacted


def compact_sgr(data: str) -> str:
    """Compact one complete frame written with the terminal's style reset (see SgrCompactor)."""
    return _compact(data)[0]


def _compact(data: str) -> tuple[str, str]:
    out: list[str] = []
    current = ""  # the style the terminal has now ("" = reset)
    wanted = ""  # the style the original stream has set by this point
    position = 0
    for match in _SGR.finditer(data):
        if match.start() > position:
            current = _emit(out, data[position : match.start()], current, wanted)
        wanted = _apply(wanted, match.group(1))
        position = match.end()
    if position < len(data):
        current = _emit(out, data[position:], current, wanted)
    if current != wanted:
        out.append(_transition(current, wanted))
    return "".join(out), wanted


def _apply(style: str, params: str) -> str:
    """The style after an SGR sequence with `params` (styles are SGR parameter strings)."""
    if params in ("", "0"):
        return ""
    if params.startswith("0;"):
        return params[2:]
    return f"{style};{params}" if style else params


def _emit(out: list[str], gap: str, current: str, wanted: str) -> str:
    """Copy text and non-SGR sequences; bring the style up to date before anything paints."""
    start = 0
    for move in _CURSOR_MOVE.finditer(gap):
        if move.start() > start:
            if current != wanted:
                out.append(_transition(current, wanted))
                current = wanted
            out.append(gap[start : move.start()])
        out.append(move.group())
        start = move.end()
    if start < len(gap):
        if current != wanted:
            out.append(_transition(current, wanted))
            current = wanted
        out.append(gap[start:])
    return current


@lru_cache(maxsize=4096)
def _transition(current: str, wanted: str) -> str:
    """The shortest sequence taking the terminal from style `current` to style `wanted`.

    A screen uses a few dozen styles, so the pairs repeat: each is worked out once.
    """
    if not wanted:
        return "\x1b[0m"
    if not current:
        return f"\x1b[{wanted}m"
    change = _difference(current, wanted)
    if change is None:
        return f"\x1b[0;{wanted}m"
    return f"\x1b[{change}m" if change else ""


def _difference(current: str, wanted: str) -> str | None:
    """Parameters that turn `current` into `wanted` without a reset, or None if one is needed."""
    before, after = _parse(current), _parse(wanted)
    if before is None or after is None or not before[0] <= after[0]:
        return None
    codes = [str(code) for code in sorted(after[0] - before[0])]
    if after[1] != before[1]:
        codes.append(after[1] or "39")
    if after[2] != before[2]:
        codes.append(after[2] or "49")
    return ";".join(codes)


def _parse(style: str) -> tuple[frozenset[int], str, str] | None:
    """(attributes, foreground, background) of a style; None for anything unusual."""
    attributes: set[int] = set()
    colours = {"3": "", "4": ""}
    parts = style.split(";")
    index = 0
    while index < len(parts):
        part = parts[index]
        if part in ("38", "48"):
            mode = parts[index + 1] if index + 1 < len(parts) else ""
            size = {"2": 5, "5": 3}.get(mode)
            if size is None or index + size > len(parts):
                return None
            colours[part[0]] = ";".join(parts[index : index + size])
            index += size
            continue
        if not part.isdigit():
            return None
        code = int(part)
        if code in _ATTRIBUTES:
            attributes.add(code)
        elif 30 <= code <= 37 or 90 <= code <= 97:
            colours["3"] = part
        elif 40 <= code <= 47 or 100 <= code <= 107:
            colours["4"] = part
        elif code == 39:
            colours["3"] = ""
        elif code == 49:
            colours["4"] = ""
        else:
            return None  # a reset or an attribute switched off: not worth modelling
        index += 1
    return frozenset(attributes), colours["3"], colours["4"]


def _ends_complete(data: str) -> bool:
    """False when `data` ends inside an escape sequence (a frame written in pieces)."""
    last = data.rfind("\x1b")
    if last == -1:
        return True
    if data.endswith("\x1b\\"):
        return True  # the end of a string sequence such as an OSC 8 link
    kind = data[last + 1 : last + 2]
    pattern = _ESCAPE_BY_KIND.get(kind, _TWO_BYTE_ESCAPE)
    return pattern.match(data, last) is not None


def _final_style(data: str) -> str:
    style = ""
    for match in _SGR.finditer(data):
        style = _apply(style, match.group(1))
    return style
