"""Problems found in a guide file, and how they are printed."""

from __future__ import annotations

from typing import Any, NamedTuple

from .sourcemap import KeyPath
from .unsafe import printable

ERROR = "error"
WARNING = "warning"
#: How every TOML syntax error begins: the guide then has no other checks.
TOML_SYNTAX = "TOML syntax: "


def format_key_path(path: KeyPath, names: dict[KeyPath, str] | None = None) -> str:
    """Render ("topic", 3, "see_also") as `[topic "x"].see_also` when topic 3's id is "x"."""
    names = names or {}
    out = ""
    for index, part in enumerate(path):
        if isinstance(part, int):
            named = names.get(tuple(path[: index + 1]))
            head, _, last = out.rpartition(".")
            if named:
                out = f'{head}[{last} "{named}"]' if head else f'[{last} "{named}"]'
            else:
                out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


class _ProblemFields(NamedTuple):
    line: int
    col: int
    severity: str
    message: str
    key_path: str = ""


class Problem(_ProblemFields):
    """One thing wrong with a guide. `line`/`col` are 1-based, 0 when unknown.

    Problems sort by position, then severity, message and key path (the order of the fields)."""

    __slots__ = ()

    def __new__(
        cls, line: int, col: int, severity: str, message: str, key_path: str = ""
    ) -> Problem:
        # Messages echo the author's keys, ids and values: never let them reach a terminal raw.
        return super().__new__(cls, line, col, severity, printable(message), printable(key_path))

    def _replace(self, **changes: Any) -> Problem:
        """A copy with some fields changed, made through `__new__` (so its conversions apply)."""
        return type(self)(**{**self._asdict(), **changes})

    def render(self, filename: str) -> str:
        """`FILE:LINE:COL: error: message`, or `FILE: error: [key path]: message` with no position.

        Everything printed is passed through `printable`, the file name too."""
        filename = printable(filename)
        if self.line:
            where = f"{filename}:{self.line}:{self.col or 1}"
            return f"{where}: {self.severity}: {self.message}"
        key = f"{self.key_path}: " if self.key_path else ""
        return f"{filename}: {self.severity}: {key}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR
