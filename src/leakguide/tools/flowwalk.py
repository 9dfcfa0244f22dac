"""Walking the decision flow one answer at a time: shared by `leakguide ask` and the app.

A `FlowWalk` is immutable: answering or going back returns a new walk, so a front end can keep
its history by keeping old walks (or just the steps).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..content.flowgraph import Step, remaining_questions
from ..content.model import Answer, Flow, Outcome, Question


def resolve_answer(question: Question, choice: str) -> Answer | None:
    """The answer a reader means by `choice`: its 1-based number or its id (any case)."""
    choice = choice.strip()
    if choice.isdigit():
        number = int(choice)
        if 1 <= number <= len(question.answers):
            return question.answers[number - 1]
        return None
    wanted = choice.lower()
    return next((a for a in question.answers if a.id.lower() == wanted), None)


@dataclass(frozen=True)
class Reason:
    """One answer the reader gave: why they see the outcome they see."""

    question: Question
    answer: Answer


@dataclass(frozen=True)
class FlowWalk:
    """The answers given so far and where they lead."""

    flow: Flow
    steps: tuple[Step, ...] = ()

    @property
    def question(self) -> Question | None:
        """The question to answer next, or None when the walk has reached an outcome."""
        if self.outcome is not None:
            return None
        if not self.steps:
            return self.flow.questions.get(self.flow.start)
        last = self._answer(self.steps[-1])
        return self.flow.questions.get(last.next) if last and last.next else None

    @property
    def outcome(self) -> Outcome | None:
        """The outcome reached, or None while questions remain."""
        if not self.steps:
            return None
        last = self._answer(self.steps[-1])
        return self.flow.outcomes.get(last.outcome) if last and last.outcome else None

    @property
    def number(self) -> int:
        """The 1-based number of the current question."""
        return len(self.steps) + 1

    @property
    def most_questions(self) -> int:
        """The most questions this walk can take in all, counting those already answered."""
        question = self.question
        if question is None:
            return len(self.steps)
        return len(self.steps) + remaining_questions(self.flow).get(question.id, 1)

    def answer(self, choice: str) -> FlowWalk | None:
        """The walk after answering the current question with `choice`, or None if it is not an
        answer to it."""
        question = self.question
        if question is None:
            return None
        chosen = resolve_answer(question, choice)
        if chosen is None:
            return None
        return FlowWalk(self.flow, (*self.steps, Step(question.id, chosen.id)))

    def back(self) -> FlowWalk:
        """The walk with its last answer taken back (the same walk at the first question)."""
        return FlowWalk(self.flow, self.steps[:-1])

    def reasons(self) -> list[Reason]:
        """Each question asked and the answer given, in order."""
        out: list[Reason] = []
        for step in self.steps:
            question = self.flow.questions.get(step.question)
            answer = question.answer(step.answer) if question else None
            if question is not None and answer is not None:
                out.append(Reason(question, answer))
        return out

    def _answer(self, step: Step) -> Answer | None:
        question = self.flow.questions.get(step.question)
        return question.answer(step.answer) if question else None


def walk_answers(flow: Flow, choices: Iterable[str]) -> tuple[FlowWalk, str | None]:
    """Answer the flow with `choices` (numbers or ids) in order, as `--answers 1,3,2` does.

    Returns the walk as far as it got and, if a choice did not fit, a message saying why.
    """
    walk = FlowWalk(flow)
    for position, choice in enumerate(choices, 1):
        question = walk.question
        if question is None:
            return walk, f"answer {position} (`{choice}`) comes after the flow has ended"
        after = walk.answer(choice)
        if after is None:
            count = len(question.answers)
            return walk, (
                f"answer {position} (`{choice}`) is not an answer to \"{question.text}\"; "
                f"give a number from 1 to {count} or one of: "
                + ", ".join(a.id for a in question.answers)
            )
        walk = after
    return walk, None
