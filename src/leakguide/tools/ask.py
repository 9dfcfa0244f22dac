"""`leakguide ask`: the decision flow as numbered questions on stdin and stdout."""

from __future__ import annotations

from typing import TextIO

from ..content.model import Guide, Question
from ..content.unsafe import clean
from ..flowstate import MAX_ANSWER_LENGTH, FlowState, urgent_preview
from ..i18n import N_, _, colon
from ..render.evidence import evidence_plain
from ..render.outcome import GET_HELP_IF, read_next, sections_in_order, urgency_label
from ..render.plain import markdown_to_plain, plain_label
from ..render.sources import known_sources, source_line
from .read import PlainWriter, topic_titles

HELP = N_("Type the number of your answer (or its id). b = back one question, q = quit.")
#: The longest answer line read, in characters: an answer is a number or an id. A longer line
#: is read in pieces of this size and dropped, so a 400 MB line costs no more memory than this.
MAX_LINE_LENGTH = MAX_ANSWER_LENGTH
#: `ask`'s exit status when its input ends (or the flow stops) before any advice; `q` is 0.
EXIT_NO_ADVICE = 1
#: What `_Session.read` returns for a line longer than `MAX_LINE_LENGTH`.
TOO_LONG = "\0too long"


def answer_lines(guide: Guide, question: Question, width: int) -> list[str]:
    """The numbered answers of a question, each with its preview if it leads somewhere urgent."""
    out = PlainWriter(width)
    hang = " " * (len(str(len(question.answers))) + 2)
    for number, answer in enumerate(question.answers, 1):
        marker = f"{number}. ".ljust(len(hang))
        out.para(answer.label, marker, hang)
        preview = urgent_preview(guide, answer)
        if preview:
            out.para(preview, hang + "  ", hang + "  ")
    return out.lines


def _cleaned(guide: Guide, state: FlowState) -> tuple[Guide, FlowState]:
    """`guide` and `state` with control characters removed, the state moved onto the clean flow."""
    guide = clean(guide)
    return guide, FlowState.from_data(guide.flow, clean(state.to_data()))


def render_question(guide: Guide, state: FlowState, width: int) -> str:
    """A question as `ask` prints it: number, text, why we ask, numbered answers."""
    guide, state = _cleaned(guide, state)
    question = state.current_question
    progress = state.progress()
    assert question is not None and progress is not None
    out = PlainWriter(width)
    out.heading(f"{progress}{colon()}{question.text}")
    out.para(_("Why we ask: {why}").format(why=question.why))
    out.blank()
    out.lines.extend(answer_lines(guide, question, width))
    return out.text()


def render_outcome(guide: Guide, state: FlowState, width: int, color: bool = False) -> str:
    """The outcome the answers reached, with the answers that led there: as the app shows it."""
    guide, state = _cleaned(guide, state)
    outcome = state.outcome
    assert outcome is not None
    out = PlainWriter(width, color)
    out.heading(urgency_label(guide, outcome.urgency))
    out.heading(outcome.title, gap=False)
    out.para(evidence_plain(guide, outcome.evidence))
    for section in sections_in_order(outcome):  # warning signs before self-care, as the screen
        if section == GET_HELP_IF:
            out.listing(_("Get help if:"), list(outcome.get_help_if))
        else:
            out.block(markdown_to_plain(outcome.body, width, topic_titles(guide)))
    out.blank()
    out.para(_("Why you see this:"))
    for reason in state.reasons():
        out.item(_("{question} You answered: {answer}").format(
            question=reason.question, answer=reason.answer))
    out.listing(_("Read next:"), [
        f"{guide.topics[topic_id].title}{colon()}leakguide read {topic_id}"
        for topic_id in read_next(guide, outcome)])
    out.listing(_("Sources:"), [source_line(s) for s in known_sources(guide, outcome.sources)])
    out.blank()
    out.para(guide.info.disclaimer)
    return out.text()


class _Session:
    def __init__(self, guide: Guide, stdin: TextIO, stdout: TextIO, width: int,
                 echo: bool) -> None:
        self.guide = guide
        self.stdin = stdin
        self.stdout = stdout
        self.width = width
        self.echo = echo

    def say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def read(self, prompt: str) -> str | None:
        """One line of input, stripped; None at the end of input; `TOO_LONG` for a line longer
        than `MAX_LINE_LENGTH` (read and dropped a piece at a time, never held whole)."""
        self.say(prompt)
        line = self.stdin.readline(MAX_LINE_LENGTH + 1)
        if not line:
            return None
        if len(line) > MAX_LINE_LENGTH and not line.endswith("\n"):
            while (rest := self.stdin.readline(MAX_LINE_LENGTH)) and not rest.endswith("\n"):
                pass
            if self.echo:
                self.say(plain_label(line[:40]) + "…\n")
            return TOO_LONG
        if self.echo:
            self.say(plain_label(line) + "\n")
        return line.strip()


def run_ask(guide: Guide, stdin: TextIO, stdout: TextIO, width: int = 80,
            color: bool = False, echo: bool = False) -> int:
    """Ask the flow's questions until an outcome, a `q`, or the end of input. Returns 0 after
    advice or a `q`, `EXIT_NO_ADVICE` when the input ended first.

    `echo` repeats each line read, so a transcript shows the answers when stdin is not a terminal.
    """
    guide = clean(guide)
    session = _Session(guide, stdin, stdout, width, echo)
    intro = PlainWriter(width, color)
    intro.heading(guide.flow.title)
    intro.block(markdown_to_plain(guide.flow.intro, width, topic_titles(guide)))
    intro.blank()
    intro.para(_(HELP))
    session.say(intro.text())
    state = FlowState.start(guide.flow)
    show_question = True
    while (question := state.current_question) is not None:
        if show_question:
            session.say("\n" + render_question(guide, state, width))
        count = len(question.answers)
        choice = session.read(_("Your answer (1-{count}, b, q): ").format(count=count))
        if choice is None:
            session.say("\n" + _("No more input: stopped before the end, with no advice. "
                                 "Run `leakguide ask` to start again.") + "\n")
            return EXIT_NO_ADVICE
        if choice == TOO_LONG:
            session.say(_("That line is too long (more than {limit} characters).").format(
                limit=MAX_LINE_LENGTH) + " " + _(
                "Type a number from 1 to {count}, b to go back or q to quit.").format(
                count=count) + "\n")
            show_question = False
            continue
        lowered = choice.lower()
        if lowered in ("q", "quit", "exit"):
            session.say(_("Stopped. Run `leakguide ask` to start again.") + "\n")
            return 0
        if lowered in ("b", "back"):
            if state.position == 0:
                session.say(_("This is the first question; there is nothing to go back to.")
                            + "\n")
                show_question = False
                continue
            state = state.back()
            show_question = True
            continue
        if lowered in ("?", "h", "help"):
            session.say(_(HELP) + "\n")
            show_question = True
            continue
        after = state.answer_token(choice)
        if after is None:
            shown = plain_label(choice)[:40]
            what = _("`{answer}` is not one of the answers.").format(answer=shown) + " " if (
                shown) else ""
            session.say(what + _("Type a number from 1 to {count}, b to go back or q to "
                                 "quit.").format(count=count) + "\n")
            show_question = False
            continue
        state = after
        show_question = True
    if state.outcome is None:  # an answer leading nowhere: the checker reports such guides
        session.say("\n" + _("This guide's flow ends without advice here. "
                             "Run `leakguide check` on it.") + "\n")
        return EXIT_NO_ADVICE
    session.say("\n" + render_outcome(guide, state, width, color))
    return 0
