"""How many terminal columns text takes: the one measure of cell width, for the screens and
the plain-text tools alike. It is Rich's (the one Textual lays the screens out with): wide
(CJK, most emoji) characters take two columns, combining and zero-width ones none. ASCII text
is measured without it, so the plain-text tools import Rich only for other text. No Textual.
"""

from __future__ import annotations


def cells(text: str) -> int:
    """Columns `text` takes in a terminal."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def char_cells(char: str) -> int:
    """Columns one character takes: 0, 1 or 2."""
    from rich.cells import get_character_cell_size

    return get_character_cell_size(char)
