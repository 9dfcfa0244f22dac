"""Make content text safe to put on a terminal: no control characters, no bidi overrides.

The validator rejects such characters in a guide file, but whatever reaches the screen passes
through here as well, so that a Guide built some other way still cannot send escape sequences.
"""

from __future__ import annotations

#: C0 controls except newline and tab, DEL, C1 controls, bidi embedding/override/isolate marks.
_UNSAFE = (
    [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A)]
    + [0x7F]
    + list(range(0x80, 0xA0))
    + [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E]
    + [0x2066, 0x2067, 0x2068, 0x2069]
)

_KEEP_LINES = {code: None for code in _UNSAFE}
_KEEP_LINES[0x09] = " "
_ONE_LINE = {**_KEEP_LINES, 0x0A: " "}


def safe_text(text: str, *, one_line: bool = False) -> str:
    """`text` without terminal controls; tabs become spaces (and newlines too, if `one_line`)."""
    if not text:
        return ""
    return text.translate(_ONE_LINE if one_line else _KEEP_LINES)


def is_safe(text: str) -> bool:
    """True when `text` holds nothing `safe_text` would remove (tabs and newlines aside)."""
    return safe_text(text.replace("\t", " ")) == text.replace("\t", " ")
