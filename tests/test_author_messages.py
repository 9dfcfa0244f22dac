"""For authors: every flow problem at once, TOML syntax errors in plain words with line:col,
and `ask` failing when its input ends before advice."""

from __future__ import annotations

import io

import pytest
from guide_text import edit, line_of, only_problem, problems_of
from snapshot_apps import minimal_guide

from leakguide.tools.ask import run_ask

BAD_ANSWER = ('label = "All the time"\noutcome = "talk"',
              'label = "All the time"\noutcome = "talk"\nnext = "temperature"')
CYCLE = ('label = "None of these"\nnext = "when"', 'label = "None of these"\nnext = "temperature"')
ANSWER_ERROR = "needs exactly one of `next` or `outcome`"


def _messages(text: str) -> list[str]:
    return [p.message for p in problems_of(text)]


def test_one_bad_answer_does_not_hide_the_other_flow_problems():
    others = _messages(edit(CYCLE))
    assert any("flow cycle" in m for m in others)
    assert any("cannot be reached from the start" in m for m in others)
    both = _messages(edit(CYCLE, BAD_ANSWER))
    assert [m for m in both if ANSWER_ERROR not in m] == others
    assert sum(ANSWER_ERROR in m for m in both) == 1


def test_what_a_bad_answer_leads_to_is_not_called_unreachable():
    only_answer = ('id = "always"\nlabel = "All the time"\noutcome = "talk"',
                   'id = "always"\nlabel = "All the time"\noutcome = "talk"\nnext = "when"')
    assert [ANSWER_ERROR in m for m in _messages(edit(only_answer))] == [True]


@pytest.mark.parametrize(("broken", "needle", "words"), [
    (('title = "Test guide"', 'title = "Test guide'), 'title = "Test guide',
     "this string runs past the end of the line"),
    (('language = "en"', 'language = "en"\nlanguage = "de"'), 'language = "de"',
     "`language` is given twice in the same table"),
    (('recommend = ["pads"]', 'recommend = ["pads"'), 'recommend = ["pads"',
     "this list is never closed"),
    (('language = "en"', "language = en"), "language = en", "this is not a value"),
    (('language = "en"', 'language = "en" "de"'), 'language = "en" "de"',
     "something follows the value on the same line"),
    (('title = "Test guide"', 'title = "Test\rguide"'), 'title = "Test',
     "a carriage return (CR) without a line feed after it: save the file with LF or CRLF"),
    (('title = "Test guide"', 'title = "Test\x1bguide"'), 'title = "Test',
     "the control character `\\x1b` cannot be in TOML text, nor in a guide: delete it"),
])
def test_toml_syntax_errors_are_in_an_authors_words(broken, needle, words):
    text = edit(broken)
    problem = only_problem(text)
    assert problem.message.startswith(f"TOML syntax: {words}"), problem.message
    assert problem.line in (line_of(text, needle), line_of(text, needle) + 1)  # tomli's own
    assert problem.col > 0
    assert "Illegal character" not in problem.message
    assert "Cannot overwrite a value" not in problem.message


@pytest.mark.parametrize(("typed", "code", "said"), [
    ("2\n2\n", 1, "No more input: stopped before the end, with no advice."),
    ("", 1, "No more input: stopped before the end, with no advice."),
    ("q\n", 0, "Stopped."),
    ("2\n2\n2\n1\n", 0, "This is normal"),
])
def test_ask_fails_when_input_ends_before_advice(typed, code, said):
    out = io.StringIO()
    assert run_ask(minimal_guide(), io.StringIO(typed), out, 80, echo=True) == code
    assert said in out.getvalue()


def test_an_array_table_written_with_one_bracket_is_pointed_at():
    """`[topic]` for `[[topic]]` made TOML read the next topic's keys into the same table:
    the error came a topic further down, "this key already has a value", at a correct line."""
    text = edit(('[[topic]]\nid = "let-down"', '[topic]\nid = "let-down"'))
    problem = only_problem(text)
    assert (problem.line, problem.col) == (line_of(text, '[topic]\nid = "let-down"'), 1)
    assert problem.message.startswith(
        "TOML syntax: `[topic]` needs two brackets, `[[topic]]`: a guide has many of them")
    assert "(the parser stopped at line " in problem.message
