"""Structure (cycles, reachability) and safety rules of a guide."""

from __future__ import annotations

import datetime as dt

import pytest
from guide_text import (
    MINIMAL_TEXT,
    edit,
    header_line,
    insert_after,
    line_of,
    only_problem,
    problems_of,
    the_problem,
)

from leakguide.cli import main
from leakguide.content.problems import ERROR, WARNING

# -- topic tree -----------------------------------------------------------------------------


def test_parent_cycle_between_two_topics():
    text = edit(('id = "let-down"\nsection = "why"', 'id = "let-down"\nparent = "triggers"'))
    problems = [p for p in problems_of(text) if p.is_error]
    assert [(p.message, p.line) for p in problems] == [
        ('[topic "let-down"].parent: parent cycle: let-down -> triggers -> let-down',
         line_of(text, 'parent = "triggers"')),
        ('[topic "triggers"].parent: topic `triggers` cannot be reached in the tree '
         "(parent cycle: triggers -> let-down -> triggers)",
         line_of(text, 'parent = "let-down"')),
    ]


def test_topic_that_is_its_own_parent():
    text = edit(('id = "pads"\nsection = "help"', 'id = "pads"\nparent = "pads"'))
    messages = [p.message for p in problems_of(text)]
    assert '[topic "pads"].parent: parent cycle: pads -> pads' in messages


def test_topic_hanging_under_a_cycle_cannot_be_reached():
    text = edit(('id = "let-down"\nsection = "why"', 'id = "let-down"\nparent = "triggers"'),
                ('id = "pads"\nsection = "help"', 'id = "pads"\nparent = "triggers"'))
    problem = next(p for p in problems_of(text) if p.message.startswith('[topic "pads"]'))
    assert problem.message == (
        '[topic "pads"].parent: topic `pads` cannot be reached in the tree '
        "(parent cycle: triggers -> let-down -> triggers)"
    )
    assert problem.line == line_of(text, 'parent = "triggers"', nth=2)


def test_section_without_topics_is_a_warning():
    text = insert_after('title = "What helps"', '\n[[section]]\nid = "later"\ntitle = "Later"\n')
    problem = only_problem(text)
    assert problem.severity == WARNING
    assert problem.message == '[section "later"]: section `later` has no topics'
    assert problem.line == line_of(text, "[[section]]", nth=3)


# -- flow -----------------------------------------------------------------------------------


def test_flow_cycle():
    """Reported at the `next` that leads back into the loop, where the author made it (it was
    reported at the loop's first question, often the start, far from the change)."""
    text = edit(('outcome = "talk"', 'next = "red-flags"'))
    problems = problems_of(text)
    assert [(p.message, p.line) for p in problems] == [
        ('flow[question "when"][answer "always"].next: flow cycle: red-flags -> when -> '
         'red-flags', line_of(text, 'label = "All the time"\nnext = "red-flags"') + 1),
        ('flow[outcome "talk"]: outcome `talk` cannot be reached from the start',
         line_of(text, "[[flow.outcome]]", nth=2)),
    ]


def test_question_without_answers():
    start = MINIMAL_TEXT.index('id = "when"')
    end = MINIMAL_TEXT.index("[[flow.outcome]]")
    question = 'id = "when"\ntext = "When?"\nwhy = "Why."\n\n'
    text = MINIMAL_TEXT[:start] + question + MINIMAL_TEXT[end:]
    problems = problems_of(text)
    assert (problems[0].message, problems[0].line) == (
        'flow[question "when"]: question `when` has no answers',
        header_line(text, 'id = "when"'),
    )
    # The outcomes only that question led to are out of reach because of it: one problem,
    # not one more for each of them (in the bundled guide, one slip gave 47 errors).
    assert len(problems) == 1


def test_an_answer_leading_to_no_question_is_the_only_problem_told():
    text = edit(('next = "when"', 'next = "whne"'))
    problems = problems_of(text)
    assert [p.message for p in problems] == [
        'flow[question "red-flags"][answer "none"].next: unknown question `whne` (did you '
        'mean `when`?)']


def test_question_the_start_cannot_reach():
    text = edit(('next = "when"', 'outcome = "talk"'))
    problems = problems_of(text)
    assert [(p.message, p.line) for p in problems] == [
        ('flow[question "when"]: question `when` cannot be reached from the start',
         header_line(text, 'id = "when"')),
        ('flow[outcome "normal"]: outcome `normal` cannot be reached from the start',
         line_of(text, "[[flow.outcome]]")),
    ]


def test_outcome_the_start_cannot_reach():
    text = edit(('outcome = "talk"', 'outcome = "see-doctor"\npreview = "Get help today."'))
    problem = only_problem(text)
    assert problem.message == (
        'flow[outcome "talk"]: outcome `talk` cannot be reached from the start'
    )
    assert problem.line == line_of(text, "[[flow.outcome]]", nth=2)


def _more_answers(count: int) -> str:
    return "".join(
        f'\n[[flow.question.answer]]\nid = "more-{n}"\nlabel = "More {n}"\noutcome = "talk"\n'
        for n in range(count)
    )


def test_at_most_nine_answers():
    assert problems_of(insert_after('outcome = "talk"', _more_answers(7))) == []
    text = insert_after('outcome = "talk"', _more_answers(8))
    problem = only_problem(text)
    assert problem.message == (
        'flow[question "when"]: a question may have at most 9 answers (keys 1-9)'
    )
    assert problem.line == header_line(text, 'id = "when"')


def test_answer_to_an_urgent_outcome_needs_a_preview():
    text = edit(('preview = "This answer means you should get medical help today."\n', ""))
    problem = only_problem(text)
    assert problem.message == (
        'flow[question "red-flags"][answer "fever"]: answer leads to the urgent outcome '
        "`see-doctor` and needs a `preview`"
    )
    assert problem.line == header_line(text, 'id = "fever"')


# -- safety rules ---------------------------------------------------------------------------


def _with_a_way_round(into: str = "when") -> str:
    """The minimal guide with a first question whose "skip" leads to `into`, past the three
    red-flags questions, and whose other answer leads into them."""
    return edit(
        ('start = "emergency"', 'start = "intro"'),
        ("[[flow.question]]\nid = \"emergency\"",
         '[[flow.question]]\nid = "intro"\ntext = "Start?"\nwhy = "To start."\n\n'
         '[[flow.question.answer]]\nid = "checked"\nlabel = "Check warning signs"\n'
         'next = "emergency"\n\n[[flow.question.answer]]\nid = "skip"\nlabel = "Skip"\n'
         f'next = "{into}"\n\n[[flow.question]]\nid = "emergency"'),
    )


def test_self_care_reachable_without_a_red_flags_question():
    text = _with_a_way_round()
    problem = the_problem(text, "red-flags question")
    assert problem.severity == ERROR
    assert problem.message == (
        'flow[outcome "normal"]: self-care outcome `normal` is reached without a red-flags '
        "question (intro=skip -> when=feeds)"
    )
    assert problem.line == line_of(text, "[[flow.outcome]]")


def test_self_care_guarded_on_one_path_but_not_another():
    # The way in through the red-flags questions is fine; only the way round is reported,
    # once for the red-flags rule and once for each screen it skips.
    text = _with_a_way_round()
    assert [p.render("g.toml") for p in problems_of(text)] == [
        f"g.toml:{line_of(text, '[[flow.outcome]]')}:1: {severity}: "
        f'flow[outcome "normal"]: self-care outcome `normal` is reached without {what} '
        "(intro=skip -> when=feeds)"
        for severity, what in [
            ("error", "a red-flags question"),
            ("warning", 'a `screen = "emergency"` question'),
            ("warning", 'a `screen = "fever"` question'),
            ("warning", 'a `screen = "warning-signs"` question'),
        ]
    ]


def test_outcome_without_get_help_if():
    text = edit(('get_help_if = ["You feel very unwell."]\n', ""))
    problem = only_problem(text)
    assert problem.message == 'flow[outcome "see-doctor"]: every outcome needs `get_help_if`'
    assert problem.line == line_of(text, "[[flow.outcome]]", nth=3)


def test_outcome_with_empty_get_help_if():
    text = edit(('get_help_if = ["You feel very unwell."]', "get_help_if = []"))
    problem = only_problem(text)
    assert problem.message == 'flow[outcome "see-doctor"]: every outcome needs `get_help_if`'


def test_remedy_without_sources():
    text = edit(('evidence = "clinical"\nsources = ["nhs"]\nsee_also',
                 'evidence = "clinical"\nsee_also'))
    problem = only_problem(text)
    assert problem.message == '[topic "pads"]: a remedy topic needs at least one source'
    assert problem.line == line_of(text, "[[topic]]", nth=3)


def test_remedy_without_evidence():
    text = edit(('evidence = "clinical"\nsources = ["nhs"]\nsee_also',
                 'sources = ["nhs"]\nsee_also'))
    problem = only_problem(text)
    assert problem.message == '[topic "pads"]: a remedy topic needs an evidence label'
    assert problem.line == line_of(text, "[[topic]]", nth=3)


def test_other_topics_without_evidence_or_sources_only_warn():
    text = edit(('body = "Hearing a baby cry can start it."\nevidence = "clinical"\n'
                 'sources = ["nhs"]', 'body = "Hearing a baby cry can start it."'))
    problems = problems_of(text)
    assert [(p.severity, p.message) for p in problems] == [
        (WARNING, '[topic "triggers"]: topic cites no source'),
        (WARNING, '[topic "triggers"]: topic has no evidence label'),
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [("", []), ('evidence = "clinical"\nsources = ["nhs"]', []),
     ('sources = ["nhs"]', ['[topic "about"]: topic cites sources but has no evidence label'])],
    ids=["bare", "labelled", "sources-without-label"],
)
def test_info_topics_need_a_label_only_when_they_cite_sources(extra, expected):
    about = (f'[[topic]]\nid = "about"\nsection = "help"\ntitle = "About"\nkind = "info"\n'
             f'summary = "How to use it."\nbody = "Press ? for help."\n{extra}\n\n')
    text = edit(("[flow]\n", about + "[flow]\n"))
    assert [(p.severity, p.message) for p in problems_of(text)] == [
        (WARNING, message) for message in expected
    ]


def test_review_due_in_the_past_is_a_warning(tmp_path, capsys):
    text = edit(("reviewed = 2026-11-01", "reviewed = 2020-01-01"),
                ("review_due = 2099-11-01", "review_due = 2021-01-01"))
    problem = only_problem(text)
    assert problem.severity == WARNING
    assert problem.message == "guide.review_due: review was due on 2021-01-01; review the guide"
    assert problem.line == line_of(text, "review_due")

    path = tmp_path / "guide.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:{problem.line}:1: warning: guide.review_due: review was due" in out
    assert out.endswith(f"{path}: 0 errors, 1 warning\n")

    assert main(["check", "--strict", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"{path}:{problem.line}:1: error: guide.review_due: review was due" in out
    assert out.endswith(f"{path}: 1 error, 0 warnings\n")


def test_review_due_today_is_not_late():
    today = dt.date.today().isoformat()
    text = edit(("reviewed = 2026-11-01", "reviewed = 2020-01-01"),
                ("review_due = 2099-11-01", f"review_due = {today}"))
    assert problems_of(text) == []


def test_review_due_before_reviewed_is_an_error():
    text = edit(("review_due = 2099-11-01", "review_due = 2026-10-01"))
    problems = [p for p in problems_of(text) if p.is_error]
    assert [p.message for p in problems] == ["guide.review_due: review_due is before reviewed"]


def test_a_topic_listed_twice_is_a_warning():
    """A `see_also` naming one topic twice showed it twice under Related, unreported."""
    text = edit(('see_also = ["let-down"]', 'see_also = ["let-down", "let-down"]'))
    problem = only_problem(text)
    assert (problem.severity, problem.message) == (
        WARNING, '[topic "pads"].see_also[1]: `let-down` is listed twice')
