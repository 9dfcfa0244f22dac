"""Where each key and value of a TOML document stands, so problems can name a line and column.

tomli gives values but no positions. This scanner walks text that tomli has already accepted and
records, for every key path, the line and column of the key and of its value. Key paths use strings
for keys and integers for positions in arrays and arrays of tables: ("topic", 3, "see_also", 1).
"""

from __future__ import annotations

import bisect
import contextlib
import re
from typing import NamedTuple

KeyPath = tuple[str | int, ...]
_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class Position(NamedTuple):
    """A 1-based line and column."""

    line: int
    col: int


class ValueSpan(NamedTuple):
    """Where a value starts, and for strings the delimiter used (`\"\"\"`, `'''`, `\"`, `'`).

    `trimmed_newline`, for multi-line strings: whether a newline right after the opening
    delimiter was trimmed."""

    start: Position
    delimiter: str
    trimmed_newline: bool = True

    def body_position(self, line_in_value: int, col_in_line: int) -> Position:
        """Best-effort file position of a 0-based line/col inside a string value."""
        if self.delimiter in ('"""', "'''"):
            if not self.trimmed_newline:
                if line_in_value == 0:
                    return Position(self.start.line, self.start.col + 3 + col_in_line)
                return Position(self.start.line + line_in_value, col_in_line + 1)
            # A newline right after the opening delimiter is trimmed by TOML.
            return Position(self.start.line + 1 + line_in_value, col_in_line + 1)
        offset = len(self.delimiter)
        return Position(self.start.line, self.start.col + offset + col_in_line)


class SourceMap:
    """Positions of keys and values in one TOML text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._keys: dict[KeyPath, Position] = {}
        self._values: dict[KeyPath, ValueSpan] = {}
        self._extents: dict[KeyPath, tuple[int, int]] = {}  # value start and end offsets
        self._line_starts: list[int] = []
        self._scanned = False

    def _ensure_scanned(self) -> None:
        """Scan on the first lookup: a clean guide needs no positions, so it never pays for them."""
        if self._scanned:
            return
        self._scanned = True
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", self._text))]
        # Positions are a convenience: keep whatever was found before a surprise.
        with contextlib.suppress(IndexError, ValueError, RecursionError):
            self._scan()

    @property
    def text(self) -> str:
        """The TOML text this map describes."""
        return self._text

    # -- lookups ---------------------------------------------------------------------------
    def key(self, path: KeyPath) -> Position | None:
        """Position of the key (or table header) at `path`, if known."""
        self._ensure_scanned()
        return self._keys.get(tuple(path))

    def value(self, path: KeyPath) -> ValueSpan | None:
        """Where the value at `path` starts, if known."""
        self._ensure_scanned()
        return self._values.get(tuple(path))

    def value_source(self, path: KeyPath) -> tuple[int, str] | None:
        """The offset where the value at `path` starts, and its raw text (delimiters included)."""
        self._ensure_scanned()
        extent = self._extents.get(tuple(path))
        if extent is None:
            return None
        start, end = extent
        return start, self._text[start:end]

    def position(self, offset: int) -> Position:
        """The line and column of an offset into the text."""
        self._ensure_scanned()
        return self._position(offset)

    def find(self, path: KeyPath) -> Position | None:
        """The value's position, else the key's, else the nearest enclosing one's."""
        self._ensure_scanned()
        path = tuple(path)
        while path:
            span = self._values.get(path)
            if span is not None and isinstance(path[-1], int):
                return span.start
            found = self._keys.get(path) or (span.start if span else None)
            if found is not None:
                return found
            path = path[:-1]
        return None

    # -- scanning --------------------------------------------------------------------------
    def _position(self, offset: int) -> Position:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def _scan(self) -> None:
        text = self._text
        i = 0
        table: KeyPath = ()
        aot_counts: dict[KeyPath, int] = {}
        n = len(text)
        while i < n:
            i = self._skip_blank(i, newlines=True)
            if i >= n:
                break
            if text[i] == "[":
                is_array = text.startswith("[[", i)
                start = i
                i += 2 if is_array else 1
                keys, i = self._read_key(i)
                i = self._skip_blank(i)
                i += 2 if is_array else 1
                resolved = self._resolve(keys, aot_counts)
                if is_array:
                    count = aot_counts.get(resolved, -1) + 1
                    aot_counts[resolved] = count
                    # Deeper arrays of tables restart under a new parent element.
                    for known in list(aot_counts):
                        if len(known) > len(resolved) and known[: len(resolved)] == resolved:
                            del aot_counts[known]
                    table = (*resolved, count)
                else:
                    table = resolved
                self._note_key(table, self._position(start))
                i = self._skip_line_rest(i)
                continue
            key_start = i
            keys, i = self._read_key(i)
            path = (*table, *keys)
            self._note_key(path, self._position(key_start))
            i = self._skip_blank(i)
            i += 1  # "="
            i = self._skip_blank(i)
            i = self._read_value(i, path)
            i = self._skip_line_rest(i)

    def _note_key(self, path: KeyPath, position: Position, known_depth: int = 0) -> None:
        """Record where `path` is first defined, and with it every table it implicitly creates
        (`[urgency.self-care]` creates `urgency`; `a.b = 1` creates `a`)."""
        for depth in range(max(known_depth, 1), len(path) + 1):
            self._keys.setdefault(path[:depth], position)

    def _resolve(self, keys: tuple[str, ...], aot_counts: dict[KeyPath, int]) -> KeyPath:
        """Insert the current index of each array of tables along a header's dotted key."""
        resolved: list[str | int] = []
        for index, key in enumerate(keys):
            resolved.append(key)
            if index < len(keys) - 1 and tuple(resolved) in aot_counts:
                resolved.append(aot_counts[tuple(resolved)])
        return tuple(resolved)

    def _skip_blank(self, i: int, newlines: bool = False) -> int:
        text, n = self._text, len(self._text)
        while i < n:
            char = text[i]
            if char in " \t\r" or (newlines and char == "\n"):
                i += 1
            elif char == "#" and newlines:
                while i < n and text[i] != "\n":
                    i += 1
            else:
                break
        return i

    def _skip_line_rest(self, i: int) -> int:
        text, n = self._text, len(self._text)
        while i < n and text[i] != "\n":
            i += 1
        return i

    def _read_key(self, i: int) -> tuple[tuple[str, ...], int]:
        text = self._text
        parts: list[str] = []
        while True:
            i = self._skip_blank(i)
            if text[i] in "\"'":
                value, i = self._read_simple_string(i)
                parts.append(value)
            else:
                start = i
                while i < len(text) and text[i] in _BARE:
                    i += 1
                if i == start:
                    raise ValueError("key expected")
                parts.append(text[start:i])
            i = self._skip_blank(i)
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            return tuple(parts), i

    def _read_simple_string(self, i: int) -> tuple[str, int]:
        """A one-line basic or literal string; returns its raw inner text (escapes kept)."""
        text = self._text
        quote = text[i]
        i += 1
        start = i
        while text[i] != quote:
            if quote == '"' and text[i] == "\\":
                i += 1
            i += 1
        raw = text[start:i]
        if quote == '"' and "\\" in raw:
            import tomli

            raw = tomli.loads(f"k = {text[start - 1 : i + 1]}")["k"]
        return raw, i + 1

    def _read_value(self, i: int, path: KeyPath) -> int:
        end = self._read_value_at(i, path)
        self._extents[path] = (i, end)
        return end

    def _read_value_at(self, i: int, path: KeyPath) -> int:
        text = self._text
        start = self._position(i)
        if text.startswith('"""', i) or text.startswith("'''", i):
            delimiter = text[i : i + 3]
            trimmed = text.startswith("\n", i + 3) or text.startswith("\r\n", i + 3)
            self._values[path] = ValueSpan(start, delimiter, trimmed)
            i += 3
            while True:
                if delimiter == '"""' and text[i] == "\\":
                    i += 2
                    continue
                if text.startswith(delimiter, i):
                    i += 3
                    # Up to two quotes may directly follow and belong to the string.
                    while i < len(text) and text[i] == delimiter[0]:
                        i += 1
                    return i
                i += 1
        if text[i] in "\"'":
            self._values[path] = ValueSpan(start, text[i])
            _, i = self._read_simple_string(i)
            return i
        if text[i] == "[":
            self._values[path] = ValueSpan(start, "[")
            i += 1
            index = 0
            while True:
                i = self._skip_blank(i, newlines=True)
                if text[i] == "]":
                    return i + 1
                i = self._read_value(i, (*path, index))
                index += 1
                i = self._skip_blank(i, newlines=True)
                if text[i] == ",":
                    i += 1
        if text[i] == "{":
            self._values[path] = ValueSpan(start, "{")
            i += 1
            while True:
                i = self._skip_blank(i, newlines=True)
                if text[i] == "}":
                    return i + 1
                key_start = i
                keys, i = self._read_key(i)
                self._note_key((*path, *keys), self._position(key_start), len(path))
                i = self._skip_blank(i) + 1
                i = self._skip_blank(i)
                i = self._read_value(i, (*path, *keys))
                i = self._skip_blank(i, newlines=True)
                if text[i] == ",":
                    i += 1
        self._values[path] = ValueSpan(start, "")
        while i < len(text) and text[i] not in ",]}\n#" and not text.startswith(" #", i):
            i += 1
        return i
