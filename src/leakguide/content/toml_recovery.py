"""Every TOML syntax error of a guide, not only the first. No Textual here.

tomli stops at the first error. To find the next, the table (the `[header]` and the lines up
to the next header) that holds the error is blanked out, line numbers kept, and the text is
parsed again; so each table reports at most its first error. An error is kept only past the
blanked table, whose text before it is unchanged. The search stops where it could report an
error the author did not make: where headers cannot be told from text inside strings (a
triple quote never closed), or at a table given twice, which blanking may have moved.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import tomli

#: A guide with more broken tables than this is reported up to here, then said to have more.
MAX_SYNTAX_ERRORS = 50

_BARE_HEADER = re.compile(r"[ \t]*\[\[?[ \t]*[A-Za-z_][\w.-]*[ \t]*\]\]?[ \t]*(?:#.*)?")
_SKIPPED_HEADER = "[[leakguide-skipped-table]]"
#: How tomli begins the errors of a key or table given twice.
_REDEFINED = ("Cannot overwrite", "Cannot declare", "Cannot mutate", "Cannot redefine")


class TomlError(NamedTuple):
    """One TOML syntax error: 1-based line and column, and tomli's message."""

    line: int
    col: int
    message: str


def toml_error(exc: tomli.TOMLDecodeError) -> TomlError:
    """tomli's error as a `TomlError`."""
    message = getattr(exc, "msg", None) or str(exc).split(" (at ")[0]
    return TomlError(getattr(exc, "lineno", 0) or 0, getattr(exc, "colno", 0) or 0, message)


def header_lines(lines: list[str]) -> list[int] | None:
    """The 0-based indexes of the lines that are table headers, broken ones too: lines that
    start with `[` outside strings and lists. None when which lines are inside strings is
    anyone's guess: a multi-line string never closed, one that opens where no value can be,
    or one that holds a line like `[[topic]]` (two strings left open may pair up across
    items)."""
    found: list[int] = []
    in_string = ""  # the closing quotes of the multi-line string we are in
    depth = 0  # open [ and { of values
    for index, line in enumerate(lines):
        line = line.removesuffix("\r")
        position = 0
        if in_string:
            end = _closing(line, 0, in_string)
            if end < 0:
                if _BARE_HEADER.fullmatch(line) and line.lstrip(" \t").startswith("[["):
                    return None
                continue
            in_string, position = "", end
        elif (depth == 0 and line.lstrip(" \t").startswith("[")) or _BARE_HEADER.fullmatch(line):
            found.append(index)  # a list left open above cannot hold a bare `[[name]]`
            depth = 0
            continue
        while position < len(line):
            char = line[position]
            if char == "#":
                break
            if char in "\"'":
                quotes = char * 3
                if line.startswith(quotes, position):
                    if not line[:position].rstrip(" \t").endswith(("=", "[", ",", "{")):
                        return None  # not where a value goes: we have lost count of strings
                    end = _closing(line, position + 3, quotes)
                    if end < 0:
                        in_string = quotes
                        break
                    position = end
                    continue
                end = _closing(line, position + 1, char)
                position = len(line) if end < 0 else end
                continue
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth = max(0, depth - 1)
            position += 1
    return None if in_string else found


def _closing(line: str, start: int, quotes: str) -> int:
    """The index just past `quotes` closing a string in `line` from `start`, or -1. A
    backslash escapes the next character in basic ("...") strings only."""
    position = start
    while position < len(line):
        if quotes[0] == '"' and line[position] == "\\":
            position += 2
            continue
        if line.startswith(quotes, position):
            end = position + len(quotes)
            while len(quotes) == 3 and line.startswith(quotes[0], end) and end - position < 5:
                end += 1  # a multi-line string may end with one or two more quotes
            return end
        position += 1
    return -1


def more_syntax_errors(text: str, first: TomlError, headers: list[int] | None,
                       ) -> tuple[list[TomlError], TomlError | None]:
    """The syntax errors after `first` (tomli's error for `text`), one per table at most,
    `MAX_SYNTAX_ERRORS` in all with `first`; and the next error if there are more.
    `headers`: `header_lines` of `text`."""
    lines = text.split("\n")
    found: list[TomlError] = []
    if headers is None:
        return found, None
    header_set = set(headers)
    error = first
    while True:
        start, end = _table_around(headers, error.line - 1, len(lines))
        if start >= 0 and start == error.line - 1:
            # A broken header, or one where a list left open above ends: the table above
            # went well until here, so blanking it too loses nothing.
            end = _end_of_children(lines, headers, end)
            lines[start] = _SKIPPED_HEADER
            above, _ = _table_around(headers, start - 1, len(lines))
            for index in range(above + 1, start):
                lines[index] = ""
        for index in range(start + 1, end):
            lines[index] = ""
        try:
            tomli.loads("\n".join(lines))
        except tomli.TOMLDecodeError as exc:
            error = toml_error(exc)
            if error.line <= end:  # not past the blanked table: our blanking cannot be trusted
                return found, None
            if error.line - 1 in header_set and error.message.startswith(_REDEFINED):
                return found, None  # a table defined twice may be one that blanking moved
            if len(found) + 1 >= MAX_SYNTAX_ERRORS:
                return found, error
            found.append(error)
        except (ValueError, RecursionError):
            return found, None
        else:
            return found, None


def _end_of_children(lines: list[str], headers: list[int], end: int) -> int:
    """Where the tables under a broken header end, `end` being the next header: at the next
    `[[item]]`. `[topic.zh-CN]` after a broken `[[topic]]` belongs to it, and left alone it
    would join the topic before, whose own it is not."""
    for header in headers:
        if header >= end and lines[header].lstrip(" \t").startswith("[["):
            return header
    return len(lines)


def _table_around(headers: list[int], index: int, count: int) -> tuple[int, int]:
    """The 0-based header line of the table holding line `index` (-1 before the first
    header) and the index of the next header (`count` after the last)."""
    start = -1
    for header in headers:
        if header > index:
            return start, header
        start = header
    return start, count
