"""docs/guide-format.md: its complete example passes `check`, and it documents every key."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, REPO

from leakguide.cli import main
from leakguide.content import schema
from leakguide.content.model import SCREEN_KINDS, TOPIC_KINDS, URGENCY_LEVELS

DOC = REPO / "docs" / "guide-format.md"


def _complete_example() -> str:
    text = DOC.read_text(encoding="utf-8")
    after = text[text.index("## A complete small guide") :]
    match = re.search(r"```toml\n(.*?)```", after, re.DOTALL)
    assert match, "no ```toml block after the 'A complete small guide' heading"
    return match.group(1)


def test_complete_example_passes_strict_check(tmp_path, capsys):
    path = tmp_path / "example.toml"
    path.write_text(_complete_example(), encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: 0 errors, 0 warnings\n"


def test_complete_example_is_complete():
    example = _complete_example()
    for header in ("[guide]", "[labels.", "[urgency.", "[[source]]", "[[section]]", "[[topic]]",
                   "[flow]", "[[flow.question]]", "[[flow.question.answer]]", "[[flow.outcome]]"):
        assert header in example
    assert "(topic:" in example and "red_flags = true" in example
    for kind in SCREEN_KINDS:
        assert f'screen = "{kind}"' in example
    assert 'urgency = "emergency"' in example
    assert example.count('[[flow.outcome]]') == example.count('evidence = "clinical"\nbody')
    assert "http://" not in example


def test_complete_example_is_the_minimal_fixture():
    assert _complete_example() == (FIXTURES / "minimal.toml").read_text(encoding="utf-8")


FIELD_TABLES = {
    "`format`": schema.ROOT_FIELDS,
    "`[guide]`": schema.GUIDE_FIELDS,
    "`[labels.ID]`": schema.LABEL_FIELDS,
    "`[urgency.LEVEL]`": schema.URGENCY_FIELDS,
    "`[[source]]`": schema.SOURCE_FIELDS,
    "`[[section]]`": schema.SECTION_FIELDS,
    "`[[topic]]`": schema.TOPIC_FIELDS,
    "`[flow]`": schema.FLOW_FIELDS,
    "`[[flow.question]]`": schema.QUESTION_FIELDS,
    "`[[flow.question.answer]]`": schema.ANSWER_FIELDS,
    "`[[flow.outcome]]`": schema.OUTCOME_FIELDS,
}


def _section(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"### {heading}\n")
    end = text.find("\n##", start + 1)
    return text[start:end]


@pytest.mark.parametrize("heading", [h for h in FIELD_TABLES if h != "`format`"])
def test_every_key_of_every_table_is_documented(heading):
    section = _section(heading)
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE))
    expected = set(FIELD_TABLES[heading])
    assert expected <= documented, f"undocumented: {sorted(expected - documented)}"
    # Other rows here list urgency levels, topic kinds or screens; no key the format lacks is
    # documented.
    assert documented - expected <= set(URGENCY_LEVELS) | set(TOPIC_KINDS) | set(SCREEN_KINDS)


def test_format_key_is_documented():
    assert "| `format` | integer | yes |" in _section("`format`")


def test_urgency_levels_and_topic_kinds_are_documented():
    text = DOC.read_text(encoding="utf-8")
    for level in URGENCY_LEVELS:
        assert f"| `{level}` |" in text
    for kind in TOPIC_KINDS:
        assert f"| `{kind}` |" in text
    for screen in SCREEN_KINDS:
        assert f"| `{screen}` |" in _section("`[[flow.question]]`")


def test_the_hosts_sources_may_not_use_are_documented():
    from leakguide.content.source_hosts import NOT_PRIMARY_HOSTS

    text = " ".join(DOC.read_text(encoding="utf-8").split())
    for host in NOT_PRIMARY_HOSTS:
        assert f"`{host}`" in text
