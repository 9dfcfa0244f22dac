"""Make content text safe to put on a terminal: no control characters, no bidi overrides.

The validator rejects such characters in a guide file, but whatever reaches the screen passes
through here as well, so that a Guide built some other way still cannot send escape sequences.
Which characters are unsafe is defined once, in `content.unsafe`.
"""

from __future__ import annotations

from ..content.unsafe import find_unsafe, remove_unsafe


def safe_text(text: str, *, one_line: bool = False) -> str:
    """`text` without terminal controls; tabs become spaces (and newlines too, if `one_line`)."""
    if not text:
        return ""
    text = remove_unsafe(text).replace("\t", " ")
    return text.replace("\n", " ") if one_line else text


def is_safe(text: str) -> bool:
    """True when `text` holds nothing `safe_text` would remove (tabs and newlines aside)."""
    return find_unsafe(text) is None
