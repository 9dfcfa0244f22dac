"""FlowState: answering, going back, changing earlier answers, progress, plain data."""

from __future__ import annotations

import json

import pytest
from conftest import BUNDLED_GUIDE, FIXTURES

from leakguide.content import load_guide, load_guide_text
from leakguide.content.flowgraph import Step, enumerate_paths, remaining_questions
from leakguide.flowstate import FlowState, urgent_preview


def _flow(name: str = "flow.toml"):
    result = load_guide(FIXTURES / name)
    assert result.ok, result.problems
    return result.guide.flow


@pytest.fixture
def flow():
    return _flow()


def feeds_end_the_flow_text() -> str:
    """flow.toml changed as an author might: "During feeds" now ends the flow (so the answer to
    "how-much" after it no longer fits), and the answer `collapse` is now called `faint`."""
    text = (FIXTURES / "flow.toml").read_text(encoding="utf-8")
    for old, new in [
        ('label = "During feeds"\nnext = "how-much"', 'label = "During feeds"\noutcome = "normal"'),
        ('id = "collapse"', 'id = "faint"'),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text


def test_fresh_state_is_at_the_start_question(flow):
    state = FlowState.start(flow)
    assert state.current_question.id == flow.start
    assert state.path == (flow.start,)
    assert state.outcome is None and not state.at_outcome
    assert state.reasons() == ()
    assert not state.is_started


def test_answering_moves_one_step_and_records_the_reason(flow):
    state = FlowState.start(flow).answer("red-flags", "none")
    assert state.current_question.id == "when"
    assert state.chosen("red-flags") == "none"
    [reason] = state.reasons()
    assert (reason.question, reason.answer) == ("Do any of these apply?", "None of these")


def test_an_answer_that_ends_the_flow_shows_the_outcome(flow):
    state = FlowState.start(flow).answer("red-flags", "fever")
    assert state.at_outcome
    assert state.current_question is None
    assert state.outcome.id == "see-doctor"


def test_answer_number_picks_by_position(flow):
    state = FlowState.start(flow).answer_number(2)
    assert state.outcome.id == "see-doctor"
    assert FlowState.start(flow).answer_number(9) is None
    assert FlowState.start(flow).answer_number(0) is None


def test_answer_rejects_questions_off_the_path_and_unknown_answers(flow):
    state = FlowState.start(flow)
    with pytest.raises(ValueError):
        state.answer("sore", "yes")
    with pytest.raises(ValueError):
        state.answer("red-flags", "nonsense")


def test_back_keeps_the_answer_and_stops_at_the_start(flow):
    state = FlowState.start(flow).answer("red-flags", "none").answer("when", "night")
    assert state.at_outcome
    back = state.back()
    assert back.current_question.id == "when"
    assert back.chosen("when") == "night"
    assert back.outcome.id == "normal"  # the answers still reach it
    assert back.back().current_question.id == "red-flags"
    assert back.back().back().current_question.id == "red-flags"


def test_changing_an_earlier_answer_keeps_questions_the_new_path_still_reaches(flow):
    # red-flags -> when(always) -> sore(no) -> how-much(drops) -> normal
    state = FlowState.from_answers(
        flow, [("red-flags", "none"), ("when", "always"), ("sore", "no"), ("how-much", "drops")]
    )
    assert state.at_outcome and state.outcome.id == "normal"
    # Change "when" to "feeds": the new path skips "sore" but still reaches "how-much".
    changed = state.jump_to("when").answer("when", "feeds")
    assert changed.path == ("red-flags", "when", "how-much")
    assert changed.chosen("how-much") == "drops"
    assert changed.chosen("sore") is None
    assert changed.dropped == (Step("sore", "no"),)
    assert changed.current_question.id == "how-much"  # one step on, its answer highlighted
    assert changed.to_outcome().outcome.id == "normal"


def test_changing_an_answer_to_an_outcome_drops_every_later_answer(flow):
    state = FlowState.from_answers(flow, [("red-flags", "none"), ("when", "feeds"),
                                          ("how-much", "soaked")])
    changed = state.jump_to("red-flags").answer("red-flags", "fever")
    assert changed.at_outcome and changed.outcome.id == "see-doctor"
    assert set(changed.dropped) == {Step("when", "feeds"), Step("how-much", "soaked")}
    assert [r.question_id for r in changed.reasons()] == ["red-flags"]


def test_choosing_the_same_answer_again_keeps_everything(flow):
    state = FlowState.from_answers(flow, [("red-flags", "none"), ("when", "feeds"),
                                          ("how-much", "soaked")])
    again = state.jump_to("red-flags").answer("red-flags", "none")
    assert again.dropped == ()
    assert dict(again.answers) == dict(state.answers)
    assert again.current_question.id == "when"


def test_jump_to_refuses_questions_off_the_path(flow):
    with pytest.raises(ValueError):
        FlowState.start(flow).jump_to("how-much")


def test_progress_counts_the_longest_remaining_path(flow):
    longest = remaining_questions(flow)
    state = FlowState.start(flow)
    assert state.progress().number == 1
    assert state.progress().at_most == longest[flow.start]
    state = state.answer("red-flags", "none").answer("when", "feeds")
    assert str(state.progress()) == f"Question 3 of at most {2 + longest['how-much']}"
    assert state.answer("how-much", "drops").progress() is None


def test_progress_never_promises_fewer_questions_than_a_real_path_takes(flow):
    for path in enumerate_paths(flow):
        state = FlowState.start(flow)
        for number, step in enumerate(path.steps, start=1):
            progress = state.progress()
            assert progress.number == number
            assert progress.at_most >= len(path.steps)
            state = state.answer(step.question, step.answer)
        assert state.outcome.id == path.outcome


def test_plain_data_round_trips_through_json(flow):
    state = FlowState.from_answers(flow, [("red-flags", "none"), ("when", "feeds")])
    state = state.back()
    data = json.loads(json.dumps(state.to_data()))
    restored = FlowState.from_data(flow, data)
    assert dict(restored.answers) == dict(state.answers)
    assert restored.position == state.position
    assert restored.dropped == ()


@pytest.mark.parametrize(
    "data",
    [None, 3, "x", [], {"answers": "x"}, {"answers": [1, 2]}, {"answers": [["a"]]},
     {"answers": [["red-flags", None]]}, {"position": "7"}],
)
def test_from_data_survives_malformed_data(flow, data):
    state = FlowState.from_data(flow, data)
    assert state.current_question.id == flow.start
    assert not state.answers


def test_from_data_drops_answers_that_no_longer_fit_a_changed_guide(flow):
    data = {"answers": [["red-flags", "none"], ["when", "gone-answer"], ["how-much", "drops"]],
            "position": 3}
    state = FlowState.from_data(flow, data)
    assert dict(state.answers) == {"red-flags": "none"}
    assert set(state.dropped) == {Step("when", "gone-answer"), Step("how-much", "drops")}
    assert state.current_question.id == "when"


def test_rebase_onto_another_flow_drops_what_does_not_fit(flow):
    result = load_guide_text(feeds_end_the_flow_text(), "other.toml")
    assert result.ok, result.problems
    other = result.guide.flow
    state = FlowState.from_answers(flow, [("red-flags", "none"), ("when", "feeds"),
                                          ("how-much", "drops")])
    rebased = state.rebase(other)
    assert dict(rebased.answers) == {"red-flags": "none", "when": "feeds"}
    assert rebased.outcome.id == "normal"
    state = FlowState.from_answers(flow, [("red-flags", "collapse")])
    rebased = state.rebase(other)
    assert not rebased.answers and rebased.dropped == (Step("red-flags", "collapse"),)


def test_answer_tokens_accept_numbers_and_ids(flow):
    state, problems = FlowState.start(flow).with_answer_tokens(["1", "feeds", "2"])
    assert problems == []
    assert state.outcome.id == "talk"
    assert [r.answer_id for r in state.reasons()] == ["none", "feeds", "soaked"]


def test_answer_tokens_report_the_first_bad_token(flow):
    state, problems = FlowState.start(flow).with_answer_tokens(["1", "9", "1"])
    assert state.current_question.id == "when"
    assert len(problems) == 1 and "'9'" in problems[0] and "when" in problems[0]
    state, problems = FlowState.start(flow).with_answer_tokens(["2", "1"])
    assert state.outcome.id == "see-doctor"
    assert problems and "more answer" in problems[0]


@pytest.mark.parametrize("guide_path", [BUNDLED_GUIDE, FIXTURES / "minimal.toml",
                                        FIXTURES / "flow.toml"])
def test_every_enumerated_path_reaches_its_outcome_with_its_reasons(guide_path):
    flow = load_guide(guide_path).guide.flow
    paths = enumerate_paths(flow)
    assert paths
    for path in paths:
        state = FlowState.start(flow)
        for step in path.steps:
            assert state.current_question.id == step.question
            state = state.answer(step.question, step.answer)
        assert state.at_outcome and state.outcome.id == path.outcome
        assert [(r.question_id, r.answer_id) for r in state.reasons()] == [
            (s.question, s.answer) for s in path.steps
        ]


def test_urgent_preview_only_for_answers_that_end_in_an_urgent_outcome():
    guide = load_guide(FIXTURES / "flow.toml").guide
    question = guide.flow.questions["red-flags"]
    none, today, now = (question.answer(a) for a in ("none", "fever", "collapse"))
    assert urgent_preview(guide, none) is None  # leads to another question
    assert urgent_preview(guide, today) == (
        "[!] This answer means you should get medical help today.")
    assert urgent_preview(guide, now).startswith("[!!] ")
    # Shown for urgent answers only, even where a calmer answer has a preview of its own.
    calm_outcome = next(o for o in guide.flow.outcomes.values() if o.urgency == "self-care")
    calm = today._replace(outcome=calm_outcome.id)
    assert calm.preview and urgent_preview(guide, calm) is None
    # An urgent answer without a preview (the checker reports it) still warns.
    bare = today._replace(preview="")
    urgency = guide.urgencies[guide.flow.outcomes[today.outcome].urgency]
    assert urgent_preview(guide, bare) == f"{urgency.marker} This answer means: {urgency.name}."
