"""The decision flow as a graph: paths, reachability, cycles and remaining length."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from .model import Flow, Question


class Step(NamedTuple):
    """One answered question."""

    question: str
    answer: str


class FlowPath(NamedTuple):
    """A complete walk through the flow: the answers given and the outcome reached."""

    steps: tuple[Step, ...]
    outcome: str


def enumerate_paths(flow: Flow) -> list[FlowPath]:
    """Every path from the start question to an outcome, in answer order (cycles cut)."""
    paths: list[FlowPath] = []

    def walk(question_id: str, steps: tuple[Step, ...], seen: frozenset[str]) -> None:
        question = flow.questions.get(question_id)
        if question is None:
            return
        for answer in question.answers:
            taken = (*steps, Step(question_id, answer.id))
            if answer.outcome is not None:
                if answer.outcome in flow.outcomes:
                    paths.append(FlowPath(taken, answer.outcome))
            elif answer.next is not None and answer.next not in seen:
                walk(answer.next, taken, seen | {answer.next})

    walk(flow.start, (), frozenset({flow.start}))
    return paths


def reachable(flow: Flow) -> tuple[set[str], set[str]]:
    """Question ids and outcome ids that the start can reach."""
    questions: set[str] = set()
    outcomes: set[str] = set()
    stack = [flow.start]
    while stack:
        question_id = stack.pop()
        if question_id in questions or question_id not in flow.questions:
            continue
        questions.add(question_id)
        for answer in flow.questions[question_id].answers:
            if answer.outcome is not None:
                outcomes.add(answer.outcome)
            elif answer.next is not None:
                stack.append(answer.next)
    return questions, outcomes


def find_cycles(flow: Flow) -> list[list[str]]:
    """Each cycle among questions once, as the list of question ids around it."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(question_id: str) -> None:
        state[question_id] = 1
        stack.append(question_id)
        for answer in flow.questions[question_id].answers:
            target = answer.next
            if target is None or target not in flow.questions:
                continue
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target) :] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[question_id] = 2

    for question_id in flow.questions:
        if question_id not in state:
            visit(question_id)
    return cycles


def remaining_questions(flow: Flow) -> dict[str, int]:
    """For each question, the most questions still to answer from it, itself included."""

    @cache
    def longest(question_id: str, depth: int) -> int:
        question = flow.questions.get(question_id)
        if question is None or depth > len(flow.questions):
            return 0
        further = [
            longest(a.next, depth + 1) for a in question.answers if a.next is not None
        ]
        return 1 + max(further, default=0)

    return {question_id: longest(question_id, 0) for question_id in flow.questions}


def is_red_flags(question: Question) -> bool:
    """Whether a question screens for warning signs (`red_flags = true`)."""
    return question.red_flags


def unguarded_paths(
    flow: Flow,
    ends: set[str],
    guard: Callable[[Question], bool] = is_red_flags,
    paths: list[FlowPath] | None = None,
) -> list[FlowPath]:
    """Paths that reach one of the outcome ids in `ends` without passing a question that
    `guard` accepts (by default a red-flags question). `paths`, when given, are those of
    `enumerate_paths(flow)`, so that several guards need only one walk."""
    return [
        path
        for path in (enumerate_paths(flow) if paths is None else paths)
        if path.outcome in ends
        and not any(guard(flow.questions[step.question]) for step in path.steps)
    ]
