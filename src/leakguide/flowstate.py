"""The reader's answers so far in the decision flow. Plain data and logic: no Textual.

A `FlowState` never changes; every move returns a new one. It keeps the answers along the
reader's current path (question id -> answer id) and a cursor on that path. The path is always
derived from the flow and the answers, so it cannot disagree with the guide:

* it starts at the flow's start question and follows each answered question's answer;
* it ends at the first unanswered question, or at an outcome when the last answer leads to one.

Changing an earlier answer keeps the later answers whose questions the new path still reaches
and drops the rest (they are listed in `dropped`, so the screen can say so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from .content.flowgraph import Step, remaining_questions
from .content.model import URGENT_LEVELS, Answer, Flow, Guide, Outcome, Question

#: The longest answer read, in characters, by `leakguide ask` and `--answers`: an answer is a
#: number or an id.
MAX_ANSWER_LENGTH = 200


class Reason(NamedTuple):
    """One step that led to where the reader is: the question asked and the answer given."""

    question_id: str
    answer_id: str
    question: str
    answer: str


class Progress(NamedTuple):
    """"Question `number` of at most `at_most`"."""

    number: int
    at_most: int

    def __str__(self) -> str:
        from .i18n import _

        return _("Question {number} of at most {most}").format(number=self.number,
                                                                most=self.at_most)


class _FlowStateFields(NamedTuple):
    flow: Flow
    answers: Mapping[str, str]
    position: int
    dropped: tuple[Step, ...]


class FlowState(_FlowStateFields):
    """Answers along the current path and which step of it the reader is looking at.

    `position` indexes `path`; when the path is complete, `position == len(path)` means the
    reader is looking at the outcome.
    """

    __slots__ = ()

    def __new__(cls, flow: Flow, answers: Mapping[str, str] | None = None, position: int = 0,
                dropped: tuple[Step, ...] = ()) -> FlowState:
        return super().__new__(cls, flow, MappingProxyType(dict(answers or {})), position, dropped)

    def _replace(self, **changes: Any) -> FlowState:
        """A copy with some fields changed, made through `__new__` (so its conversions apply)."""
        return type(self)(**{**self._asdict(), **changes})

    # -- construction --------------------------------------------------------------------

    @classmethod
    def start(cls, flow: Flow) -> FlowState:
        """A fresh flow at its first question."""
        return cls(flow)

    @classmethod
    def from_answers(
        cls, flow: Flow, answers: Iterable[tuple[str, str]], position: int | None = None
    ) -> FlowState:
        """A state from (question id, answer id) pairs, keeping only those that fit `flow`.

        Pairs that name an unknown question or answer, or a question the path no longer reaches,
        are listed in `dropped`. `position` defaults to the end of the path.
        """
        wanted: dict[str, str] = {}
        for question_id, answer_id in answers:
            wanted.setdefault(question_id, answer_id)
        path, kept = _walk(flow, wanted)
        dropped = tuple(Step(q, a) for q, a in wanted.items() if kept.get(q) != a)
        end = _end_position(flow, path, kept)
        at = end if position is None else max(0, min(position, end))
        return cls(flow, kept, at, dropped)

    # -- what the reader sees --------------------------------------------------------------

    @property
    def path(self) -> tuple[str, ...]:
        """Question ids from the start to the first unanswered question (or the last answered)."""
        return _walk(self.flow, self.answers)[0]

    @property
    def outcome(self) -> Outcome | None:
        """The outcome the answers lead to, once the path is complete."""
        path = self.path
        if not path:
            return None
        answer = self._answer_of(path[-1])
        if answer is None or answer.outcome is None:
            return None
        return self.flow.outcomes.get(answer.outcome)

    @property
    def at_outcome(self) -> bool:
        """True when the reader is looking at the outcome rather than a question."""
        return self.outcome is not None and self.position >= len(self.path)

    @property
    def current_question(self) -> Question | None:
        """The question on screen, or None at the outcome."""
        path = self.path
        if self.position >= len(path):
            return None
        return self.flow.questions[path[self.position]]

    @property
    def is_started(self) -> bool:
        """True once the reader has given any answer."""
        return bool(self.answers)

    def chosen(self, question_id: str) -> str | None:
        """The answer id given to `question_id`, if any."""
        return self.answers.get(question_id)

    def progress(self) -> Progress | None:
        """Where the current question sits in the longest path still possible; None at the end."""
        question = self.current_question
        if question is None:
            return None
        remaining = remaining_questions(self.flow).get(question.id, 1)
        return Progress(self.position + 1, self.position + max(remaining, 1))

    def reasons(self) -> tuple[Reason, ...]:
        """Every answered step on the path, in order: why the reader sees what they see."""
        found: list[Reason] = []
        for question_id in self.path:
            answer = self._answer_of(question_id)
            if answer is None:
                break
            question = self.flow.questions[question_id]
            found.append(Reason(question_id, answer.id, question.text, answer.label))
        return tuple(found)

    # -- moves ----------------------------------------------------------------------------

    def answer(self, question_id: str, answer_id: str) -> FlowState:
        """Answer a question on the path and move one step on (to the next question or outcome).

        Later answers stay where the new path still reaches their questions; others are dropped
        and listed in the new state's `dropped`.
        """
        path = self.path
        if question_id not in path:
            raise ValueError(f"question {question_id!r} is not on the current path")
        question = self.flow.questions[question_id]
        if question.answer(answer_id) is None:
            raise ValueError(f"question {question_id!r} has no answer {answer_id!r}")
        wanted = dict(self.answers)
        wanted[question_id] = answer_id
        new_path, kept = _walk(self.flow, wanted)
        dropped = tuple(Step(q, a) for q, a in wanted.items() if kept.get(q) != a)
        return FlowState(self.flow, kept, new_path.index(question_id) + 1, dropped)

    def answer_number(self, number: int) -> FlowState | None:
        """Choose the current question's answer by its 1-based number; None if there is none."""
        return self.answer_token(str(number))

    def answer_token(self, token: str) -> FlowState | None:
        """Answer the current question with `token`: a 1-based number or an answer id (any case).

        None at the outcome, or when `token` is not an answer to the current question.
        """
        question = self.current_question
        answer = answer_for_token(question, token) if question is not None else None
        if question is None or answer is None:
            return None
        return self.answer(question.id, answer.id)

    def back(self) -> FlowState:
        """One step back (from the outcome to the last question); stays put at the start."""
        return self._moved(max(0, self.position - 1))

    def jump_to(self, question_id: str) -> FlowState:
        """Show an earlier question on the path; its answer stays until the reader changes it."""
        path = self.path
        if question_id not in path:
            raise ValueError(f"question {question_id!r} is not on the current path")
        return self._moved(path.index(question_id))

    def to_outcome(self) -> FlowState:
        """Show the outcome if the answers reach one, else the first unanswered question."""
        return self._moved(_end_position(self.flow, self.path, self.answers))

    def restart(self) -> FlowState:
        """Forget every answer and start again."""
        return FlowState.start(self.flow)

    def rebase(self, flow: Flow) -> FlowState:
        """The same answers on a (possibly changed) flow; answers that no longer fit are dropped."""
        return FlowState.from_answers(flow, self._pairs(), self.position)

    # -- plain data ---------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """JSON-able data by ids: the answers in path order and the cursor."""
        return {
            "answers": [[question_id, answer_id] for question_id, answer_id in self._pairs()],
            "position": self.position,
        }

    @classmethod
    def from_data(cls, flow: Flow, data: Any) -> FlowState:
        """Rebuild from `to_data()` output. Anything malformed is skipped and listed in `dropped`.

        Raises nothing: data of the wrong shape gives a fresh state.
        """
        if not isinstance(data, Mapping):
            return cls.start(flow)
        pairs: list[tuple[str, str]] = []
        skipped: list[Step] = []
        raw_answers = data.get("answers")
        for item in raw_answers if isinstance(raw_answers, list) else []:
            if (
                isinstance(item, (list, tuple))
                and len(item) == 2
                and all(isinstance(part, str) for part in item)
            ):
                pairs.append((item[0], item[1]))
            else:
                skipped.append(Step("?", "?"))
        raw_position = data.get("position")
        position = raw_position if type(raw_position) is int else None
        state = cls.from_answers(flow, pairs, position)
        if skipped:
            state = FlowState(state.flow, state.answers, state.position,
                              state.dropped + tuple(skipped))
        return state

    def with_answer_tokens(self, tokens: Sequence[str]) -> tuple[FlowState, list[str]]:
        """Apply answers given as 1-based numbers or answer ids (from `--answers 1,3,2`).

        Returns the new state and a message for each token that could not be used; the first
        bad token stops the walk, as later ones would answer the wrong questions.
        """
        state = self
        for index, token in enumerate(tokens, start=1):
            shown = f"answer {index} ({token.strip()!r})"
            question = state.current_question
            if question is None:
                extra = len(tokens) - index + 1
                return state, [f"--answers: {shown} comes after the flow has ended "
                               f"({extra} more answer(s) than questions)"]
            after = state.answer_token(token)
            if after is None:
                return state, [
                    f"--answers: {shown} is not an answer to {question.id!r} "
                    f"(use 1-{len(question.answers)} or one of: "
                    f"{', '.join(a.id for a in question.answers)})"
                ]
            state = after
        return state, []

    # -- helpers ----------------------------------------------------------------------

    def _answer_of(self, question_id: str) -> Answer | None:
        answer_id = self.answers.get(question_id)
        question = self.flow.questions.get(question_id)
        if answer_id is None or question is None:
            return None
        return question.answer(answer_id)

    def _pairs(self) -> list[tuple[str, str]]:
        return [(q, self.answers[q]) for q in self.path if q in self.answers]

    def _moved(self, position: int) -> FlowState:
        return FlowState(self.flow, self.answers, position)


def _walk(flow: Flow, wanted: Mapping[str, str]) -> tuple[tuple[str, ...], dict[str, str]]:
    """Follow `wanted` answers from the start: the path and the answers that lie on it."""
    path: list[str] = []
    kept: dict[str, str] = {}
    question_id: str | None = flow.start
    while question_id is not None and question_id in flow.questions:
        if question_id in path:  # a cycle in a broken guide: stop rather than loop
            break
        path.append(question_id)
        answer_id = wanted.get(question_id)
        answer = flow.questions[question_id].answer(answer_id) if answer_id else None
        if answer is None:
            break
        kept[question_id] = answer.id
        if answer.outcome is not None:
            break
        question_id = answer.next
    return tuple(path), kept


def _end_position(flow: Flow, path: Sequence[str], answers: Mapping[str, str]) -> int:
    """The outcome's position when the path is complete, else the first unanswered question."""
    if not path:
        return 0
    last = path[-1]
    answer_id = answers.get(last)
    answer = flow.questions[last].answer(answer_id) if answer_id else None
    if answer is not None and answer.outcome is not None and answer.outcome in flow.outcomes:
        return len(path)
    return len(path) - 1


def answer_for_token(question: Question, token: str) -> Answer | None:
    """The answer a reader means by `token`: its 1-based number or its id (any case).

    Surrounding spaces are ignored; an exact id wins over one that differs only in case.
    """
    token = token.strip()
    if token.isdecimal():  # not isdigit(): int("²") raises
        number = int(token)
        if 1 <= number <= len(question.answers):
            return question.answers[number - 1]
        return None
    exact = question.answer(token)
    if exact is not None:
        return exact
    wanted = token.casefold()
    return next((a for a in question.answers if a.id.casefold() == wanted), None)


def leads_to_urgent(flow: Flow, answer: Answer, urgent_levels: Iterable[str]) -> bool:
    """True when `answer` ends the flow in an outcome of one of `urgent_levels`."""
    if answer.outcome is None:
        return False
    outcome = flow.outcomes.get(answer.outcome)
    return outcome is not None and outcome.urgency in set(urgent_levels)


def urgent_preview(guide: Guide, answer: Answer) -> str | None:
    """What choosing `answer` would mean, shown before it is chosen: only for an answer that
    ends the flow in an urgent outcome. The urgency's marker, then the answer's preview."""
    flow = guide.flow
    if not leads_to_urgent(flow, answer, URGENT_LEVELS):
        return None
    outcome = flow.outcomes[answer.outcome or ""]
    urgency = guide.urgencies.get(outcome.urgency)
    from .i18n import _
    from .render.outcome import shown_marker

    marker = f"{shown_marker(urgency.marker)} " if urgency else ""

    wording = answer.preview or (
        _("This answer means: {urgency}.").format(urgency=urgency.name) if urgency
        else _("This answer is urgent.")
    )
    return f"{marker}{wording}"
