"""The synthetic guides used by the benchmarks must be valid guides."""

from __future__ import annotations

import importlib.util

from conftest import REPO

from leakguide.content import load_guide, load_guide_text


def _synth():
    spec = importlib.util.spec_from_file_location("synth", REPO / "benchmarks" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fifty_topic_guide_loads_without_problems():
    result = load_guide_text(_synth().generate_guide(50), "synthetic.toml")
    assert result.problems == []
    guide = result.guide
    assert len(guide.topics) == 50
    assert any(topic.parent for topic in guide.topics.values()), "topics should nest"
    assert max(len(guide.topic_path(t)) for t in guide.topics) >= 3
    assert any(topic.see_also for topic in guide.topics.values())
    assert any(topic.keywords for topic in guide.topics.values())
    assert all("(topic:" in topic.body for topic in guide.topics.values())
    assert guide.flow.questions[guide.flow.start].red_flags


def test_generation_is_deterministic_and_sized(tmp_path):
    synth = _synth()
    assert synth.generate_guide(7, seed=3) == synth.generate_guide(7, seed=3)
    assert synth.generate_guide(7, seed=3) != synth.generate_guide(7, seed=4)
    path = synth.write_guide(tmp_path / "guide.toml", 12)
    result = load_guide(path)
    assert result.problems == []
    assert len(result.guide.topics) == 12
