"""Record: the read-only value classes of the guide and the app's start-up data."""

from __future__ import annotations

import pytest

from leakguide.content.model import Guide, Label, Section, Topic
from leakguide.content.problems import ERROR, WARNING, Problem
from leakguide.content.record import ReadOnlyError, Record
from leakguide.flowstate import FlowState
from leakguide.options import AppOptions


class Point(Record):
    def __init__(self, x: int, y: int = 0) -> None:
        vars(self).update(x=x, y=y)


def test_fields_are_the_init_parameters_in_order():
    assert Point.field_names() == ("x", "y")
    assert Point(1, 2).fields() == {"x": 1, "y": 2}
    assert Topic.field_names()[:3] == ("id", "title", "section")


def test_a_record_cannot_be_changed():
    point = Point(1)
    with pytest.raises(ReadOnlyError):
        point.x = 5
    with pytest.raises(ReadOnlyError):
        del point.y
    with pytest.raises(AttributeError):  # ReadOnlyError is an AttributeError, as dataclasses'
        point.z = 1
    assert point.fields() == {"x": 1, "y": 0}


def test_equality_and_hash_follow_the_values_and_the_class():
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(2, 1)
    assert hash(Point(1, 2)) == hash(Point(1, 2))
    assert len({Point(1, 2), Point(1, 2), Point(3)}) == 2
    assert Label("a", "b", "c") != Section("a", "b", "c")
    assert Point(1) != (1, 0)


def test_repr_names_every_field():
    assert repr(Point(1, "two")) == "Point(x=1, y='two')"


def test_replace_goes_through_init():
    problem = Problem(3, 4, WARNING, "bad \x1b[2J thing")
    changed = problem.replace(severity=ERROR)
    assert changed == Problem(3, 4, ERROR, "bad \x1b[2J thing")
    assert changed.message == "bad \\x1b[2J thing"  # escaped again by __init__
    assert problem.severity == WARNING
    options = AppOptions(fresh=True).replace(hosted=True)
    assert (options.fresh, options.hosted) == (True, True)


def test_mappings_are_read_only_copies():
    answers = {"q1": "yes"}
    state = FlowState(flow=None, answers=answers)  # type: ignore[arg-type]
    answers["q2"] = "no"
    assert dict(state.answers) == {"q1": "yes"}
    with pytest.raises(TypeError):
        state.answers["q3"] = "maybe"  # type: ignore[index]


def test_problems_sort_by_position_then_severity_and_message():
    problems = [Problem(2, 1, ERROR, "b"), Problem(1, 5, WARNING, "a"), Problem(1, 5, ERROR, "z"),
                Problem(0, 0, ERROR, "no position", "topic.x")]
    assert [(p.line, p.col, p.severity) for p in sorted(problems)] == [
        (0, 0, ERROR), (1, 5, ERROR), (1, 5, WARNING), (2, 1, ERROR)]


def test_a_cached_guide_index_is_not_a_field(minimal_guide_path):
    from leakguide.content import load_guide

    guide = load_guide(minimal_guide_path).guide
    assert isinstance(guide, Guide)
    before = repr(guide)
    guide.reading_order()  # fills the cached index of children
    assert "_children" in vars(guide)
    assert repr(guide) == before and "_children" not in guide.fields()
    assert guide == load_guide(minimal_guide_path).guide
