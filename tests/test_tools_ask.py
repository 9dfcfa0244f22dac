"""`leakguide ask`: the flow on stdin and stdout, for every path of the guide."""

from __future__ import annotations

import io

import pytest
from conftest import run_cli
from tools_helpers import GUIDES, MINIMAL, load

from leakguide.content.flowgraph import enumerate_paths
from leakguide.flowstate import FlowState, Progress, answer_for_token
from leakguide.tools.ask import run_ask


def ask(guide, typed: str, width: int = 80) -> tuple[int, str]:
    out = io.StringIO()
    code = run_ask(guide, io.StringIO(typed), out, width, echo=True)
    return code, out.getvalue()


def answer_numbers(guide, path) -> list[str]:
    numbers = []
    for step in path.steps:
        question = guide.flow.questions[step.question]
        numbers.append(str([a.id for a in question.answers].index(step.answer) + 1))
    return numbers


def assert_outcome_shown(guide, path, output: str) -> None:
    outcome = guide.flow.outcomes[path.outcome]
    urgency = guide.urgencies[outcome.urgency]
    tail = " ".join(output.split("Why you see this:")[0].rsplit("Your answer", 1)[-1].split())
    assert f"{urgency.marker} {urgency.name}" in tail
    assert " ".join(outcome.title.split()) in tail
    label = guide.labels[outcome.evidence].name
    assert f"{' '.join(outcome.title.split())} Evidence: {label}" in tail  # under the title
    squashed = " ".join(output.split())
    why = " ".join(output.split("Why you see this:")[1].split())
    for step in path.steps:
        question = guide.flow.questions[step.question]
        label = question.answer(step.answer).label
        assert " ".join(f"{question.text} You answered: {label}".split()) in why
    for text in outcome.get_help_if:
        assert " ".join(text.split()) in squashed
    for topic_id in outcome.recommend:
        assert f"leakguide read {topic_id}" in squashed
    for source_id in outcome.sources:
        assert guide.sources[source_id].url in squashed


@pytest.mark.parametrize("by", ["number", "id"])
@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_every_path_reaches_its_outcome(guide_path, by):
    guide = load(guide_path)
    paths = enumerate_paths(guide.flow)
    assert paths
    for path in paths:
        typed = answer_numbers(guide, path) if by == "number" else [
            s.answer.upper() for s in path.steps]  # ids match in any case
        code, output = ask(guide, "\n".join(typed) + "\n")
        assert code == 0
        assert output.count("Why you see this:") == 1, path
        assert_outcome_shown(guide, path, output)


def test_every_path_of_the_minimal_guide_through_the_command():
    guide = load(MINIMAL)
    for path in enumerate_paths(guide.flow):
        result = run_cli("ask", str(MINIMAL), input="\n".join(answer_numbers(guide, path)) + "\n")
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert_outcome_shown(guide, path, result.stdout)


def test_back_bad_input_and_help_then_an_outcome():
    guide = load(MINIMAL)
    path = enumerate_paths(guide.flow)[-1]  # through every question
    first, *rest = answer_numbers(guide, path)
    typed = [first, "9", "nonsense", "", "b", "b", first, "?", *rest]
    code, output = ask(guide, "\n".join(typed) + "\n")
    assert code == 0
    assert output.count("is not one of the answers") == 2
    assert output.count("Type a number from 1 to") == 3
    assert "nothing to go back to" in output
    start = guide.flow.questions[guide.flow.start].text
    assert output.count(start) == 3  # asked, asked again after `b`, and in "Why you see this"
    assert_outcome_shown(guide, path, output)


def test_end_of_input_stops_cleanly_and_fails():
    guide = load(MINIMAL)
    code, output = ask(guide, "")
    assert code == 1  # no advice was given: a script must be able to tell
    assert "No more input" in output
    assert "Why you see this" not in output
    result = run_cli("ask", str(MINIMAL), input="")
    assert result.returncode == 1
    assert "No more input" in result.stdout
    assert "Traceback" not in result.stderr


def test_quit():
    code, output = ask(load(MINIMAL), "q\n")
    assert code == 0
    assert "Stopped" in output and "Why you see this" not in output


def test_urgent_answers_show_their_preview():
    guide = load(MINIMAL)
    _, output = ask(guide, "")
    question = guide.flow.questions[guide.flow.start]
    for answer in question.answers:
        if answer.preview:
            urgency = guide.urgencies[guide.flow.outcomes[answer.outcome].urgency]
            assert f"{urgency.marker} {answer.preview}" in " ".join(output.split())


def test_ask_wraps_to_width():
    guide = load(MINIMAL)
    path = enumerate_paths(guide.flow)[0]
    _, output = ask(guide, "\n".join(answer_numbers(guide, path)) + "\n", width=30)
    for line in output.splitlines():
        if not line.startswith("Your answer"):
            assert len(line) <= 30 or " " not in line.strip(), line


# --- the flow state `ask` and `--answers` share with the app ------------------------------

def test_answer_tokens_by_number_and_id_agree():
    guide = load(MINIMAL)
    for path in enumerate_paths(guide.flow):
        start = FlowState.start(guide.flow)
        by_number, problems = start.with_answer_tokens(answer_numbers(guide, path))
        by_id, _ = start.with_answer_tokens([s.answer for s in path.steps])
        assert problems == []
        assert by_number == by_id
        assert by_number.outcome.id == path.outcome
        assert tuple((r.question_id, r.answer_id) for r in by_number.reasons()) == tuple(
            (s.question, s.answer) for s in path.steps)


def test_answer_tokens_report_a_wrong_answer():
    guide = load(MINIMAL)
    state, [problem] = FlowState.start(guide.flow).with_answer_tokens(["2", "2", "2", "7"])
    assert state.current_question.id == "when"
    assert "answer 4 ('7')" in problem and "feeds" in problem
    state, [problem] = FlowState.start(guide.flow).with_answer_tokens(["1", "1"])
    assert state.outcome is not None and "after the flow has ended" in problem


def test_answer_for_token_and_back():
    guide = load(MINIMAL)
    question = guide.flow.questions[guide.flow.start]
    assert answer_for_token(question, "0") is None
    assert answer_for_token(question, str(len(question.answers) + 1)) is None
    assert answer_for_token(question, " 1 ") is question.answers[0]
    assert answer_for_token(question, "²") is None  # a digit int() cannot read
    first = question.answers[0]
    assert answer_for_token(question, f" {first.id.upper()} ") is first
    assert answer_for_token(question, "no-such-answer") is None
    start = FlowState.start(guide.flow)
    assert start.back() == start
    assert start.answer_token("9") is None
    after = start.answer_token("2")
    assert after.progress() == Progress(2, 4)
    back = after.back()
    assert back.current_question == question and back.position == 0
    assert back.progress() == start.progress() == Progress(1, 4)
    assert back.chosen(question.id) == question.answers[1].id  # kept, as the app keeps it


def test_the_outcome_shows_warning_signs_before_self_care_and_what_the_screen_lists():
    """As on the outcome screen: "Get help if" before the body (what to do), and "Read next"
    lists the topics the screen lists (recommended, then linked from the text)."""
    from leakguide.render.outcome import read_next

    guide = load(GUIDES[0])
    for path in enumerate_paths(guide.flow):
        outcome = guide.flow.outcomes[path.outcome]
        if not outcome.get_help_if:
            continue
        code, output = ask(guide, "\n".join(answer_numbers(guide, path)) + "\n", width=200)
        assert code == 0
        shown = output.split("Why you see this:")[0]
        first_sign = " ".join(outcome.get_help_if[0].split())[:30]
        squashed = " ".join(shown.split())
        assert squashed.index("Get help if:") < squashed.index(first_sign)
        body_start = " ".join(outcome.body.split())[:12]
        if body_start.isalpha():
            assert squashed.index(first_sign) < squashed.rindex(body_start)
        for topic_id in read_next(guide, outcome):
            assert f"leakguide read {topic_id}" in output
        return
    pytest.skip("no outcome with warning signs in this guide")


@pytest.mark.parametrize("guide_path", GUIDES[:1])
def test_get_help_if_comes_first_unless_what_to_do_is_getting_help(guide_path):
    """Warning signs before self-care: before the body of a self-care or talk-soon outcome;
    after the body where the body itself says to get help (urgent, now, emergency). `ask` and
    the saved summary agree."""
    import datetime as dt

    from leakguide.content.model import URGENT_LEVELS
    from leakguide.summary import render_summary

    guide = load(guide_path)
    seen = set()
    for path in enumerate_paths(guide.flow):
        outcome = guide.flow.outcomes[path.outcome]
        urgent = outcome.urgency in URGENT_LEVELS
        if not outcome.get_help_if or urgent in seen:
            continue
        seen.add(urgent)
        _code, output = ask(guide, "\n".join(answer_numbers(guide, path)) + "\n", width=200)
        squashed = " ".join(output.split())
        first_sign = " ".join(outcome.get_help_if[0].split())[:30]
        body_start = " ".join(outcome.body.split())[:12]
        assert (squashed.index(first_sign) > squashed.index(body_start)) == urgent, outcome.id
        state = FlowState.start(guide.flow)
        for step in path.steps:
            state = state.answer(step.question, step.answer)
        summary = render_summary(guide, state, dt.datetime(2026, 12, 7, 5, 0))
        assert (summary.index("## Get help if") > summary.index("## What to do")) == urgent
    assert seen == {True, False}
