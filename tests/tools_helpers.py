"""Helpers shared by the tests of the command-line tools."""

from __future__ import annotations

from conftest import BUNDLED_GUIDE, FIXTURES

from leakguide.content import Guide, load_guide

MINIMAL = FIXTURES / "minimal.toml"
RAW_HTML = FIXTURES / "raw_html.toml"
#: The guides every property test runs on: the exact fixture and the bundled one.
GUIDES = [MINIMAL, BUNDLED_GUIDE]


def load(path) -> Guide:
    result = load_guide(path)
    assert result.ok, [p.render(str(path)) for p in result.problems]
    return result.guide
