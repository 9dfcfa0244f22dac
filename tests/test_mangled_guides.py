"""Randomly mangled guides (fixed seed): never an exception, every problem located and printable."""

from __future__ import annotations

import random
import re

from guide_text import MINIMAL_TEXT

from leakguide.content import load_guide_text

PIECES = ['"', "'", '"""', "'''", "[", "]", "[[", "]]", "{", "}", ",", "=", ".", "#", "\n", "\r\n",
          " ", "\\", "x", "1", "2026-01-01", "true", "\\u001b", "topic:", "](topic:zz)", "[a](",
          "\t", "é", "\u202e", "-", "_", "[[topic]]\n", "[[flow.question]]\n", "a.b = 1\n"]
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _mangle(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text))
        choice = rng.random()
        if choice < 0.45:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif choice < 0.75:
            text = text[:at] + text[at + rng.randint(1, 20) :]
        else:
            start = rng.randrange(len(text))
            text = text[:at] + text[start : start + rng.randint(1, 60)] + text[at:]
    return text


def test_mangled_guides_get_located_printable_problems():
    rng = random.Random(20261126)
    for _ in range(600):
        text = _mangle(rng, MINIMAL_TEXT)
        result = load_guide_text(text, "guide.toml")
        assert (result.guide is None) == bool(result.errors), text
        lines = text.count("\n") + 1
        for problem in result.problems:
            rendered = problem.render("guide.toml")
            assert 1 <= problem.line <= lines, (rendered, text)
            assert not UNSAFE.search(rendered), rendered
