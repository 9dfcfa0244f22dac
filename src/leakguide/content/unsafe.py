"""Untrusted text, the one module for it: which characters are unsafe to put on a terminal, how
they are found (the validator) and how they are removed (`remove_unsafe`, `safe_text`, `clean`:
every front end) or shown as escapes (`printable`: messages, file names).

The validator rejects exactly these characters and every renderer removes exactly these (what
the validator lets through, a renderer shows). They are the C0 controls except tab and newline,
DEL, the C1 controls (ESC and CSI start escape sequences, BEL rings, CR and BS overwrite), and
the bidirectional embeddings, overrides and isolates that can make text read in another order
than it is stored ("Trojan Source", CVE-2021-42574).

They are unsafe however they are spelled: Markdown decodes numeric character references
(`&#x202e;`, `&#27;`), so `find_unsafe_shown` looks at the text as the reader will see it, and
the Markdown parser (`content.links.markdown_parser`) removes any that its decoding produces.
No named HTML entity stands for one of them.

The implicit marks U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK and U+061C ARABIC LETTER
MARK are allowed: they are zero-width letters of direction that right-to-left writing needs for
numbers and punctuation, and they cannot reorder a run of text the way the controls above can.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import TypeVar

T = TypeVar("T")

#: Code points of the unsafe characters.
UNSAFE_CODE_POINTS: frozenset[int] = frozenset(
    [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A)]
    + [0x7F]
    + list(range(0x80, 0xA0))
    + list(range(0x202A, 0x202F))  # LRE RLE PDF LRO RLO
    + list(range(0x2066, 0x206A))  # LRI RLI FSI PDI
)


def character_class(code_points: frozenset[int] | set[int]) -> str:
    """A regular-expression character class matching exactly `code_points`.

    Runs of consecutive code points become ranges: a class of thousands of single characters
    takes milliseconds to compile, which every start of the program would pay."""
    parts = []
    ordered = sorted(code_points)
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        first, last = re.escape(chr(ordered[start])), re.escape(chr(ordered[end]))
        parts.append(first if end == start else f"{first}-{last}")
        start = end + 1
    return "[" + "".join(parts) + "]"


#: Matches one unsafe character (a regular expression: far faster than `str.translate`).
UNSAFE_PATTERN = re.compile(character_class(UNSAFE_CODE_POINTS))


def find_unsafe(text: str) -> str | None:
    """The first unsafe character in `text`, or None when there is none."""
    found = UNSAFE_PATTERN.search(text)
    return found.group() if found else None


#: A numeric character reference as CommonMark decodes it: `&#8238;`, `&#x202E;`.
NUMERIC_REFERENCE = re.compile(r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def decode_references(text: str) -> str:
    """`text` with its numeric character references decoded (any that is no character becomes
    U+FFFD). Stricter than Markdown, which turns some controls into U+FFFD: a validator must
    not depend on that."""
    if "&#" not in text:
        return text

    def character(found: re.Match[str]) -> str:
        decimal, hexadecimal = found.groups()
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return NUMERIC_REFERENCE.sub(character, text)


def find_unsafe_shown(text: str) -> str | None:
    """The first unsafe character in `text` as the reader would see it (written as such or as
    a character reference), or None."""
    return find_unsafe(text) or find_unsafe(decode_references(text))


def remove_unsafe(text: str) -> str:
    """`text` without its unsafe characters (tabs and newlines stay)."""
    return UNSAFE_PATTERN.sub("", text)


def safe_text(text: str, *, one_line: bool = False) -> str:
    """`text` without terminal controls, for a screen; tabs become spaces (and newlines too, if
    `one_line`)."""
    if not text:
        return ""
    text = remove_unsafe(text).replace("\t", " ")
    return text.replace("\n", " ") if one_line else text


def is_safe(text: str) -> bool:
    """True when `text` holds nothing `safe_text` would remove (tabs and newlines aside)."""
    return find_unsafe(text) is None


def clean(value: T) -> T:
    """A copy of `value` (a Guide or any part of one) with the unsafe characters removed from
    every string in it, keys included. Defence in depth: the loader already rejects them."""
    if isinstance(value, str):
        return remove_unsafe(value)  # type: ignore[return-value]
    if isinstance(value, (bool, int, float, dt.date)) or value is None:
        return value
    if isinstance(value, tuple):
        items = [clean(item) for item in value]
        if hasattr(value, "_fields"):  # a NamedTuple (Topic, Guide, ...): through its __new__
            return type(value)(*items)
        return tuple(items)  # type: ignore[return-value]
    if isinstance(value, list):
        return [clean(item) for item in value]  # type: ignore[return-value]
    if isinstance(value, (Mapping, MappingProxyType)):
        return {clean(k): clean(v) for k, v in value.items()}  # type: ignore[return-value]
    return value


@cache
def _unprintable() -> re.Pattern[str]:
    """The unsafe characters, and what would break a message's one line or cannot be printed at
    all: tab, newline, the line and paragraph separators, and lone surrogates (which come from
    undecodable file names). Compiled when first needed (about 1 ms): a good guide needs none."""
    return re.compile(character_class(
        UNSAFE_CODE_POINTS | {0x09, 0x0A, 0x2028, 0x2029, *range(0xD800, 0xE000)}
    ))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` safe to print to a terminal on one line: control, bidi and separator characters
    are shown as escapes (ESC becomes `\\x1b`, RIGHT-TO-LEFT OVERRIDE `\\u202e`)."""
    return _unprintable().sub(_escape, text)
