"""TOML syntax errors in an author's words. No Textual here.

tomli says what its parser expected ("Illegal character '\\n'", "Cannot overwrite a value");
an author needs to know what is wrong in the guide and how to fix it. The line and column are
tomli's own; only the words change. A message not known here is kept as tomli wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Container

from .unsafe import printable

_EXACT = {
    "Cannot overwrite a value":
        "this key already has a value in the same table; give each key once",
    "Unterminated string": "this string is never closed: add its closing quote",
    "Unclosed array": "this list is never closed: add `]` (and put commas between items)",
    "Unclosed inline table": "this inline table is never closed: add `}`",
    "Expected '=' after a key in a key/value pair":
        "expected `=` after the key: write `key = value` (text in quotes)",
    "Invalid value":
        "this is not a value: put text in quotes (\"...\"), lists in [...], dates as YYYY-MM-DD",
    "Invalid statement": "this line is neither `key = value` nor a [table] header",
    "Invalid initial character for a key part":
        "a key cannot start with this character: use letters, digits, - and _ (or quote it)",
    "Unescaped '\\' in a string":
        "a backslash in a string starts an escape: write \\\\ for a backslash itself",
    "Invalid hex value": "a \\u escape needs 4 hex digits (\\U needs 8), e.g. \\u00e9",
    "Escaped character is not a Unicode scalar value":
        "this \\u or \\U escape is not a character",
    "Invalid date or datetime": "this date is not valid: write dates as YYYY-MM-DD",
    "Expected newline or end of document after a statement":
        "something follows the value on the same line: put one `key = value` on each line "
        "(text in quotes, a comment after #)",
    "Expected ']' at the end of a table declaration": "a [table] header needs its closing `]`",
    "Expected ']]' at the end of an array declaration":
        "an [[array]] header needs its closing `]]`",
}
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Illegal character '\\n'"),
     "this string runs past the end of the line: close its quote on the same line, or use "
     '""" for text over several lines'),
    (re.compile(r"Illegal character '\\r'"),
     "a carriage return (CR) without a line feed after it: save the file with LF or CRLF line "
     "endings"),
    (re.compile(r"Illegal character (.+)"),
     "the control character `{0}` cannot be in TOML text, nor in a guide: delete it"),
    (re.compile(r"Cannot declare \((.*)\) twice"), "the table [{0}] is declared twice"),
    (re.compile(r"Duplicate inline table key (.+)"),
     "the key `{0}` is given twice in this inline table"),
    (re.compile(r"Cannot (?:mutate immutable|redefine) namespace \((.*)\)"),
     "the table [{0}] was already given in full (or as another kind of value) and cannot be "
     "added to here"),
    (re.compile(r"Found invalid character (.+)"), "`{0}` is not expected here"),
    (re.compile(r"Expected (.+)"), "expected `{0}` here"),
]


def author_message(message: str, text: str = "", line: int = 0) -> str:
    """tomli's `message` for an error on `line` (1-based) of `text`, in an author's words."""
    if message == "Cannot overwrite a value":
        key = _key_on_line(text, line)
        if key:
            return (f"`{printable(key)}` is given twice in the same table (or is also a "
                    "table); give each key once")
    if message in _EXACT:
        return _EXACT[message]
    for pattern, words in _PATTERNS:
        found = pattern.fullmatch(message)
        if found:
            return words.format(*(_shown(part) for part in found.groups()))
    return printable(message)


def _shown(part: str) -> str:
    """A key, a table name or a character as tomli's repr spelled it, without the quotes:
    `'\\x1b'` becomes `\\x1b`, `('a', 'b')` becomes `a.b`."""
    parts = re.findall(r"'((?:[^'\\]|\\.)*)'", part)
    return printable(".".join(parts) if parts else part)


def _key_on_line(text: str, line: int) -> str | None:
    lines = text.split("\n")  # as tomli counts lines (splitlines also splits at U+2028)
    if not 0 < line <= len(lines):
        return None
    key, equals, _ = lines[line - 1].partition("=")
    key = key.strip()
    return key if equals and key and not key.startswith("[") else None


#: The guide's arrays of tables: each is written `[[name]]`, once per item.
ARRAY_TABLES = ("topic", "section", "source", "flow.question", "flow.question.answer",
                "flow.outcome")
_ONE_BRACKET = re.compile(
    r"^[ \t]*(\[[ \t]*(" + "|".join(re.escape(name) for name in ARRAY_TABLES)
    + r")[ \t]*\])[ \t]*(?:#.*)?$", re.MULTILINE)


def one_bracket_header(text: str, headers: Container[int] | None = None,
                       ) -> tuple[int, int, str] | None:
    """The first header of an array of tables written with one bracket (`[topic]`): (line,
    column, name), or None. TOML then reads the items after it as one table, and its error
    comes where a key repeats, far from the header, in words that do not point at it.
    `headers`: the 0-based lines that are headers (not text inside a string), if known."""
    for found in _ONE_BRACKET.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        if headers is None or line - 1 in headers:
            break
    else:
        return None
    column = found.start(1) - (text.rfind("\n", 0, found.start(1)) + 1) + 1
    return line, column, found.group(2)
