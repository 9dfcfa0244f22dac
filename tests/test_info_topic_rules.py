"""Which topics need an evidence label: `info` topics about the guide itself may go without."""

from __future__ import annotations

from conftest import FIXTURES

from leakguide.content.loader import load_guide_text

ABOUT_TOPIC = """
[[topic]]
id = "how-to-use"
section = "help"
title = "How to use this guide"
kind = "{kind}"
summary = "Keys and labels."
body = "Press ? for help."
{extra}
"""


def _load_with_extra_topic(kind: str, extra: str = ""):
    text = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace("[flow]", ABOUT_TOPIC.format(kind=kind, extra=extra) + "\n[flow]", 1)
    return load_guide_text(text, "guide.toml")


def test_info_topic_without_evidence_or_sources_is_clean():
    result = _load_with_extra_topic("info")
    assert result.ok
    assert result.problems == []


def test_info_topic_with_sources_but_no_evidence_is_warned():
    result = _load_with_extra_topic("info", 'sources = ["nhs"]')
    messages = [p.message for p in result.warnings]
    assert any("cites sources but has no evidence label" in m for m in messages), messages


def test_cause_topic_without_evidence_is_still_warned():
    result = _load_with_extra_topic("cause", 'sources = ["nhs"]')
    messages = [p.message for p in result.warnings]
    assert any("topic has no evidence label" in m for m in messages), messages


def test_cause_topic_without_sources_is_still_warned():
    result = _load_with_extra_topic("cause", 'evidence = "clinical"')
    messages = [p.message for p in result.warnings]
    assert any("topic cites no source" in m for m in messages), messages
