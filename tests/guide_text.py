"""Helpers for tests that build small bad guides by editing the text of the minimal one."""

from __future__ import annotations

from conftest import FIXTURES

from leakguide.content import load_guide_text
from leakguide.content.problems import Problem

MINIMAL_TEXT = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")


def edit(*replacements: tuple[str, str], text: str = MINIMAL_TEXT) -> str:
    """`text` with each (old, new) replaced; fails loudly unless `old` occurs exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def insert_after(anchor: str, addition: str, text: str = MINIMAL_TEXT) -> str:
    """`text` with `addition` (whole lines) inserted after the line holding `anchor`."""
    assert text.count(anchor) == 1, f"{anchor!r} occurs {text.count(anchor)} times"
    start = text.index(anchor)
    end = text.index("\n", start) + 1
    return text[:end] + addition + text[end:]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the `nth` occurrence of `needle` in `text`."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    return text.count("\n", 0, offset) + 1


def header_line(text: str, id_line: str) -> int:
    """1-based line of the `[[...]]` header of the table whose `id = "..."` line is `id_line`
    (written right under its header, as the fixtures do)."""
    return line_of(text, id_line) - 1


def col_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based column of the `nth` occurrence of `needle` in `text`."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    return offset - text.rfind("\n", 0, offset)


def problems_of(text: str) -> list[Problem]:
    """Every problem the loader finds in guide `text`."""
    return load_guide_text(text, "guide.toml").problems


def the_problem(text: str, fragment: str) -> Problem:
    """The one problem whose message contains `fragment` (fails if there is none or several)."""
    problems = problems_of(text)
    found = [p for p in problems if fragment in p.message]
    rendered = "\n".join(p.render("guide.toml") for p in problems)
    assert len(found) == 1, f"{len(found)} problems contain {fragment!r}:\n{rendered}"
    return found[0]


def only_problem(text: str) -> Problem:
    """The single problem in `text` (fails if there are more or none)."""
    problems = problems_of(text)
    rendered = "\n".join(p.render("guide.toml") for p in problems)
    assert len(problems) == 1, f"expected one problem, got:\n{rendered}"
    return problems[0]
