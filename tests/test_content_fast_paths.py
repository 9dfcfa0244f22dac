"""The loader's shortcuts for clean guides must not hide a single problem."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from leakguide.content import load_guide_text

MINIMAL = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")
LINK = "See also [breast pads](topic:pads)."


def _with_body_link(link: str) -> list[str]:
    assert LINK in MINIMAL
    result = load_guide_text(MINIMAL.replace(LINK, link), "g.toml")
    return [p.render("g.toml") for p in result.problems]


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("[a](topic:nope)", "nope"),
        ("[a](&#116;opic:nope)", "nope"),  # an entity spells the scheme
        ("[a](topic\\\\:nope)", "nope"),  # a backslash escape inside the destination
        ("[a](<topic:pads x>)", "pads%20x"),  # a space inside angle brackets
        ("[a](topic:pads>)", "pads%3E"),
        ("[a](topic:pads#top)", "pads#top"),
        ("[a](topic:pads%20)", "pads%20"),
        ("[a][r]\n\n[r]: topic:nope", "nope"),
        ("<topic:nope>", "nope"),
        ("| a |\n|---|\n| [x](topic:nope) |", "nope"),
    ],
)
def test_every_link_to_an_unknown_topic_is_reported(link, target):
    problems = _with_body_link(link)
    assert any(f"link to unknown topic `{target}`" in p for p in problems), problems


def test_an_empty_topic_link_is_reported():
    assert any("link `topic:` names no topic" in p for p in _with_body_link("[a](topic:)"))


@pytest.mark.parametrize(
    "link",
    [
        "[a](topic:pads)",
        "[a](<topic:pads>)",
        '[a](topic:pads "title")',
        "`[a](topic:nope)`",  # code, not a link
        "```\n[a](topic:nope)\n```",
        "x topic:nope",  # text, not a link
        "[a][r]\n\n[r]: <topic:pads>",
    ],
)
def test_links_to_known_topics_and_non_links_are_fine(link):
    assert _with_body_link(link) == []


def test_a_bad_link_is_located_on_its_line_in_the_file():
    problems = _with_body_link("First line.\n\nSee [a](topic:nope).")
    text = MINIMAL.replace(LINK, "First line.\n\nSee [a](topic:nope).")
    line = text.splitlines().index("See [a](topic:nope).") + 1
    col = "See [a](topic:nope).".index("topic:nope") + 1
    assert problems == [
        f'g.toml:{line}:{col}: error: [topic "let-down"].body: link to unknown topic `nope`'
    ]


def test_control_characters_made_by_escapes_are_still_caught():
    text = MINIMAL.replace('title = "Breast pads"', 'title = "Breast\\u0007pads"')
    problems = [p.render("g.toml") for p in load_guide_text(text, "g.toml").problems]
    assert any("U+0007" in p for p in problems), problems
    keywords = MINIMAL.replace('keywords = ["letdown", "dripping"]',
                               'keywords = ["letdown", "drip\\u202eping"]')
    problems = [p.render("g.toml") for p in load_guide_text(keywords, "g.toml").problems]
    assert any("U+202E" in p and "keywords" in p for p in problems), problems


def test_blank_and_non_kebab_values_in_lists_are_still_caught():
    text = MINIMAL.replace('keywords = ["letdown", "dripping"]', 'keywords = ["letdown", "  "]')
    text = text.replace('see_also = ["let-down"]', 'see_also = ["Let-Down"]')
    problems = [p.render("g.toml") for p in load_guide_text(text, "g.toml").problems]
    assert any("keywords[1]: must not be empty" in p for p in problems), problems
    assert any("`Let-Down` is not a kebab-case id" in p for p in problems), problems


def test_ampersands_that_are_not_references_keep_links_checked():
    assert _with_body_link("Go to A&E. [a](topic:pads)") == []
    problems = _with_body_link("Go to A&E. [a](topic:nope) [b](&#x74;opic:nope2)")
    assert sum("link to unknown topic" in p for p in problems) == 2, problems
