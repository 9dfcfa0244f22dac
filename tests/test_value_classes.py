"""The read-only value classes of the guide and the app's start-up data: `typing.NamedTuple`s.

They replaced a hand-written `Record` base that no type checker understood. What they promise:
fields in order, read-only, equal and hashed by value, a `repr` naming every field, `_replace`,
and, for the classes that convert an argument (escaped problem messages, read-only mappings),
the conversion on every way of making one, `_replace` included.
"""

from __future__ import annotations

import pytest

from leakguide.content.flowgraph import Step
from leakguide.content.model import Flow, Guide, Label, Section, Topic
from leakguide.content.problems import ERROR, WARNING, Problem
from leakguide.content.sourcemap import Position
from leakguide.flowstate import FlowState
from leakguide.options import AppOptions


def test_fields_are_the_constructor_parameters_in_order():
    assert Position._fields == ("line", "col")
    assert Position(1, 2)._asdict() == {"line": 1, "col": 2}
    assert Topic._fields[:3] == ("id", "title", "section")
    assert Problem._fields == ("line", "col", "severity", "message", "key_path")
    assert AppOptions()._asdict()["guide_path"] == ""


@pytest.mark.parametrize(
    "value", [Position(1, 2), Step("q", "a"), Problem(1, 2, ERROR, "m"), AppOptions()]
)
def test_a_value_cannot_be_changed(value):
    name = value._fields[0]
    with pytest.raises(AttributeError):
        setattr(value, name, 5)
    with pytest.raises(AttributeError):
        delattr(value, name)
    with pytest.raises(AttributeError):  # no new attributes either: the classes have no __dict__
        value.z = 1
    assert getattr(value, name) != 5


def test_equality_and_hash_follow_the_values():
    assert Position(1, 2) == Position(1, 2)
    assert Position(1, 2) != Position(2, 1)
    assert hash(Position(1, 2)) == hash(Position(1, 2))
    assert len({Position(1, 2), Position(1, 2), Position(3, 0)}) == 2
    assert Label("a", "b", "c") != Label("a", "b", "d")
    # Unlike `Record`, a NamedTuple is a tuple: equal to a tuple (or another class's instance)
    # with the same values. Nothing compares values of different classes.
    assert Label("a", "b", "c") == Section("a", "b", "c") == ("a", "b", "c")


def test_repr_names_every_field():
    assert repr(Position(1, 2)) == "Position(line=1, col=2)"
    assert repr(Problem(1, 2, ERROR, "m")) == (
        "Problem(line=1, col=2, severity='error', message='m', key_path='')"
    )


def test_problem_messages_are_escaped_on_every_way_in():
    problem = Problem(3, 4, WARNING, "bad \x1b[2J thing", "topic.\x07")
    assert problem.message == "bad \\x1b[2J thing"
    assert problem.key_path == "topic.\\x07"
    changed = problem._replace(severity=ERROR)
    assert changed == Problem(3, 4, ERROR, "bad \x1b[2J thing", "topic.\x07")
    assert changed.message == "bad \\x1b[2J thing"  # escaped once, not twice
    assert problem._replace(message="\x1b]0;x\x07").message == "\\x1b]0;x\\x07"
    assert problem.severity == WARNING
    assert type(changed) is Problem


def test_replace_changes_only_the_fields_named():
    options = AppOptions(fresh=True)._replace(hosted=True)
    assert (options.fresh, options.hosted, options.watch) == (True, True, False)


def test_mappings_are_read_only_copies():
    answers = {"q1": "yes"}
    state = FlowState(flow=None, answers=answers)  # type: ignore[arg-type]
    answers["q2"] = "no"
    assert dict(state.answers) == {"q1": "yes"}
    with pytest.raises(TypeError):
        state.answers["q3"] = "maybe"  # type: ignore[index]
    replaced = state._replace(answers={"q4": "x"})
    with pytest.raises(TypeError):
        replaced.answers["q5"] = "y"  # type: ignore[index]
    flow = Flow("t", "i", "q", {}, {})._replace(questions={})
    with pytest.raises(TypeError):
        flow.questions["q"] = None  # type: ignore[index]


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
    assert repr(guide) == before and "_children" not in guide._asdict()
    assert guide == load_guide(minimal_guide_path).guide
    with pytest.raises(AttributeError):
        guide.path = "elsewhere"  # type: ignore[misc]
    with pytest.raises(TypeError):
        guide._replace(topics={}).topics["x"] = None  # type: ignore[index]
