"""Clinical vignettes: real people's honest answers walked through the bundled guide's flow.

The table is `tests/vignettes.toml`. Each vignette must end within its acceptable range when the
person chooses the first answer that fits (as every screening question asks), a person with a
sign that needs help today or now must never be told it is self-care, whichever fitting answer
they choose, and no fitting answer may lead more than one level below the least acceptable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import tomli
from conftest import BUNDLED_GUIDE

from leakguide.content import load_guide, load_guide_text
from leakguide.content.model import URGENCY_LEVELS, Flow, Guide

VIGNETTES_FILE = Path(__file__).with_name("vignettes.toml")
MIN_VIGNETTES = 40


class Vignette(NamedTuple):
    id: str
    story: str
    answers: dict[str, list[str]]
    least: str
    most: str
    disagree: str
    outcomes: tuple[str, ...]


class Walk(NamedTuple):
    """One way through the flow: the (question, answer) steps and the outcome reached."""

    steps: tuple[tuple[str, str], ...]
    outcome: str


def load_vignettes() -> list[Vignette]:
    with VIGNETTES_FILE.open("rb") as file:
        table: dict[str, Any] = tomli.load(file)
    return [
        Vignette(
            v["id"], v["story"], v["answers"], v["least"], v["most"], v.get("disagree", ""),
            tuple(v.get("outcomes", ())),
        )
        for v in table["vignette"]
    ]


VIGNETTES = load_vignettes()


def rank(level: str) -> int:
    return URGENCY_LEVELS.index(level)


def walks(flow: Flow, vignette: Vignette, first_only: bool) -> Iterator[Walk]:
    """Every way through the flow with the vignette's honest answers (or only the first that
    fits, in the guide's order, at each question)."""

    def go(question_id: str, steps: tuple[tuple[str, str], ...]) -> Iterator[Walk]:
        question = flow.questions[question_id]
        honest = vignette.answers.get(question_id)
        assert honest, (
            f"vignette {vignette.id} meets question `{question_id}` ({question.text!r}) "
            f"but gives no answer for it"
        )
        fitting = [a for a in question.answers if a.id in honest]
        unknown = set(honest) - {a.id for a in question.answers}
        assert not unknown, f"vignette {vignette.id}: `{question_id}` has no answer {unknown}"
        for answer in fitting[:1] if first_only else fitting:
            step = (*steps, (question_id, answer.id))
            if answer.outcome is not None:
                yield Walk(step, answer.outcome)
            else:
                assert answer.next is not None
                yield from go(answer.next, step)

    yield from go(flow.start, ())


@pytest.fixture(scope="module")
def guide() -> Guide:
    result = load_guide(BUNDLED_GUIDE)
    assert result.guide is not None, [p.message for p in result.problems]
    return result.guide


def test_the_table_is_large_and_well_formed():
    assert len(VIGNETTES) >= MIN_VIGNETTES
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES), "vignette ids must be unique"
    for v in VIGNETTES:
        assert v.least in URGENCY_LEVELS and v.most in URGENCY_LEVELS, v.id
        assert rank(v.least) <= rank(v.most), v.id
        assert v.story.strip(), v.id


def test_the_table_covers_every_urgency_and_every_kind_of_reader(guide):
    who = guide.flow.questions["who"]
    readers = {answer for v in VIGNETTES for answer in v.answers.get("who", [])}
    assert readers >= {a.id for a in who.answers}, "a kind of reader has no vignette"
    reached = {
        guide.flow.outcomes[walk.outcome].urgency
        for v in VIGNETTES for walk in walks(guide.flow, v, first_only=True)
    }
    assert reached == set(URGENCY_LEVELS)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_choosing_the_first_fitting_answer_ends_within_the_acceptable_range(guide, vignette):
    (walk,) = list(walks(guide.flow, vignette, first_only=True))
    outcome = guide.flow.outcomes[walk.outcome]
    assert rank(vignette.least) <= rank(outcome.urgency) <= rank(vignette.most), (
        f"{vignette.story}\n  answers {walk.steps}\n  end at `{outcome.id}` ({outcome.urgency}),"
        f" acceptable {vignette.least}..{vignette.most}"
    )
    if vignette.outcomes:
        assert outcome.id in vignette.outcomes, (
            f"{vignette.story}\n  ends at `{outcome.id}`, written for {vignette.outcomes}"
        )


@pytest.mark.parametrize(
    "vignette", [v for v in VIGNETTES if rank(v.least) >= rank("urgent")],
    ids=[v.id for v in VIGNETTES if rank(v.least) >= rank("urgent")],
)
def test_nobody_who_needs_help_today_is_reassured_whatever_they_choose(guide, vignette):
    reassured = [
        walk for walk in walks(guide.flow, vignette, first_only=False)
        if guide.flow.outcomes[walk.outcome].urgency == "self-care"
    ]
    assert not reassured, f"{vignette.story}\n  reaches self-care by {reassured[0].steps}"


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_a_later_honest_answer_ends_at_most_one_level_lower(guide, vignette):
    """A reader who skips the first fitting answer for a later one that also fits may land one
    level lower (its outcome's get-help lines name the sign), but never further."""
    too_low = [
        walk for walk in walks(guide.flow, vignette, first_only=False)
        if rank(guide.flow.outcomes[walk.outcome].urgency) < rank(vignette.least) - 1
    ]
    assert not too_low, (
        f"{vignette.story}\n  reaches `{too_low[0].outcome}` "
        f"({guide.flow.outcomes[too_low[0].outcome].urgency}) by {too_low[0].steps}; "
        f"least is {vignette.least}"
    )


def test_every_outcome_is_reached_by_some_vignette(guide):
    reached = {walk.outcome for v in VIGNETTES for walk in walks(guide.flow, v, first_only=False)}
    assert set(guide.flow.outcomes) - reached == set()


def test_the_walk_finds_an_unsafe_flow():
    """Guards the tests above: a flow that reassures a fever must fail them."""
    flow_text = BUNDLED_GUIDE.read_text(encoding="utf-8")
    unsafe = flow_text.replace('outcome = "fever-today"', 'outcome = "leak-at-night"', 1)
    assert unsafe != flow_text
    result = load_guide_text(unsafe)
    assert result.guide is not None
    vignette = next(v for v in VIGNETTES if v.id == "fever-no-red-patch")
    (walk,) = list(walks(result.guide.flow, vignette, first_only=True))
    assert result.guide.flow.outcomes[walk.outcome].urgency == "self-care"
