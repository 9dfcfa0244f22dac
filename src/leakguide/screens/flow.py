"""The decision flow: one question per screen, and the reader's answers so far.

The answers live on the app (`app.flow_state`, a `FlowState`), so leaving the flow and coming
back never loses them; this screen only shows them and asks the app to change them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..content.model import Answer, Question
from ..content.unsafe import safe_text
from ..flowstate import FlowState, urgent_preview
from ..i18n import N_, _
from ..keymap import with_reader_keys
from ..state import SCREEN_QUESTIONS
from ..textual_private import option_lines
from ..widgets.choice_list import ChoiceList
from ..widgets.guide_errors import guide_errors_when_watching
from ..widgets.key_bar import KeyBar
from ..widgets.more_cue import MoreCue
from ..widgets.title_bar import TitleBar
from .flow_step import BACK_TO_THE_GUIDE, FlowStepScreen, hanging

#: What closing "why we ask" on a short screen is called, untranslated.
BACK_TO_THE_ANSWERS = N_("Back to the answers")

#: Below this width "Your answers" is a view of its own (toggled with `y`) instead of a panel:
#: beside a panel at 80 columns, a red-flags list of long answers wraps to twice its height and
#: pushes the question off a 24-line screen.
NARROW_WIDTH = 100
#: Below this height the question drops "why we ask" (w shows it) and the answers their box.
SHORT_HEIGHT = 24
#: The option id of the "See the outcome" entry in "Your answers".
OUTCOME_ENTRY = "\0outcome"


#: Marks the answer chosen before; `>` where the terminal is not said to be UTF-8 (LANG=C).
CHOSEN_MARK = "●"
ASCII_CHOSEN_MARK = ">"


def chosen_mark() -> str:
    """The chosen answer's glyph for the reader's locale (the check the driver makes)."""
    from ..terminal import locale_is_utf8

    return CHOSEN_MARK if locale_is_utf8() else ASCII_CHOSEN_MARK


class QuestionHead(VerticalScroll):
    """Progress, the question and why we ask: pinned above the answers, never scrolled away
    by them (on a short screen it scrolls on its own, the question first)."""


class WhyWeAsk(VerticalScroll, can_focus=True):
    """"Why we ask" on a short screen, in the answers' place while `w` shows it: the question
    above stays in sight, and a long text scrolls in this box with the list's keys. (Not a help
    area: help lists `w` with the question's keys.)"""

    #: The answer list's keys and ids: a reader's key for moving in a list moves here too.
    #: `w` (the reader's key for it) closes the box, and the key bar lists it first.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "screen.toggle_why", BACK_TO_THE_ANSWERS, id="flow.why"),
        Binding("up,k", "scroll_up", "Move up", show=False, id="choice.up"),
        Binding("down,j", "scroll_down", "Move down", show=False, id="choice.down"),
        Binding("g,home", "scroll_home", "First", show=False, id="choice.first"),
        Binding("G,end", "scroll_end", "Last", show=False, id="choice.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="choice.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="choice.page-down"),
    ]

    class ViewMoved(Message):
        """The text scrolled or changed size: there may be more (or no more) out of sight."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.ViewMoved())

    def on_resize(self) -> None:
        self.post_message(self.ViewMoved())


class AnswerList(ChoiceList):
    """The answers to the question on screen, numbered for the digit keys.

    As tall as its answers while there is room (app.tcss gives it `1fr`; this caps it at its
    content), shorter and scrolling inside its box when there is not, so the question above
    and the preview below stay in sight and the highlighted answer is kept in view.

    An answer taller than the box is read line by line: ↓ (j) scrolls on through it until its
    end is in sight, and only then highlights the next; ↑ (k) likewise back to its start.
    PageDown/PageUp scroll the list a box at a time. Every word of every answer can be reached
    with the keyboard, however short the screen.
    """

    HELP_AREA = "Answers"

    class ViewMoved(Message):
        """The list scrolled or changed size: there may be more (or no more) out of sight."""

    def __init__(self, *, id: str, make_room: Callable[[bool], bool] | None = None) -> None:
        """`make_room(wanted)`: asked to give the list more lines (wanted) or to give them
        back; True when it changed something."""
        super().__init__(id=id)
        self._make_room = make_room

    def fit_to_answers(self) -> None:
        """Cap the height at the answers' height at the current width."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        height = self.get_content_height(self.size, self.app.size, width)
        wanted = height + self.styles.gutter.height
        if self.styles.max_height is None or self.styles.max_height.value != wanted:
            self.styles.max_height = wanted

    def on_resize(self) -> None:
        self.fit_to_answers()
        self.call_after_refresh(self.scroll_to_highlight)
        self.post_message(self.ViewMoved())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.ViewMoved())

    # -- where things are ---------------------------------------------------------------

    def _view(self) -> tuple[int, int]:
        """The first line in sight and the line after the last."""
        top = round(self.scroll_y)
        return top, top + self.scrollable_content_region.height

    def _highlighted_lines(self) -> tuple[int, int] | None:
        """First line and height of the highlighted answer (None: nothing laid out)."""
        if self.highlighted is None or self.scrollable_content_region.height <= 0:
            return None
        return option_lines(self, self.highlighted)

    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=max(0, min(line, round(self.max_scroll_y))), animate=False,
                       immediate=True)

    # -- moving -------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """On through the highlighted answer while its end is out of sight, then the next."""
        lines = self._highlighted_lines()
        if lines is not None:
            first, height = lines
            top, bottom = self._view()
            if first + height > bottom:
                if self._make_room is not None and self._make_room(True):
                    return  # the list is taller now: more of the answer is in sight
                self._scroll_to_line(top + 1)
                return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Back through the highlighted answer while its start is out of sight, then the
        previous, its end in sight (so it is read upwards line by line too)."""
        lines = self._highlighted_lines()
        if lines is not None:
            first, _height = lines
            top, _bottom = self._view()
            if first < top:
                if self._make_room is not None and self._make_room(True):
                    return  # the list is taller now: more of the answer is in sight
                self._scroll_to_line(top - 1)
                return
        if not self.highlighted and self._make_room is not None and self._make_room(False):
            return  # the first answer, from its start: the question above is back
        super().action_cursor_up()
        lines = self._highlighted_lines()
        if lines is not None:
            first, height = lines
            view_height = self.scrollable_content_region.height
            if height > view_height:
                self._scroll_to_line(first + height - view_height)

    def action_first(self) -> None:
        """The first answer, and the question above it back in sight."""
        if self._make_room is not None:
            self._make_room(False)
        super().action_first()

    def action_page_down(self) -> None:
        """Scroll a box further; the highlight goes to an answer in sight."""
        self._move_by_page(1)

    def action_page_up(self) -> None:
        """Scroll a box back; the highlight goes to an answer in sight."""
        self._move_by_page(-1)

    def _move_by_page(self, direction: int) -> None:
        top, bottom = self._view()
        if self.option_count == 0 or bottom <= top:
            return
        if direction > 0 and self._make_room is not None and self._make_room(True):
            return  # the question scrolled away: the list is taller now
        height = bottom - top
        page = height - 1 if height > 4 else height  # a line kept in sight where there is room
        new_top = max(0, min(top + direction * page, round(self.max_scroll_y)))
        if new_top == top:  # nothing more to scroll: go to the first or last answer
            if direction > 0:
                self.action_last()
            else:
                self.action_first()
            return
        new_bottom = new_top + bottom - top
        covering: int | None = None
        starting: int | None = None
        for index in range(self.option_count):
            lines = option_lines(self, index)
            if lines is None:
                continue
            first, height = lines
            if first <= new_top < first + height:
                covering = index
            if starting is None and new_top <= first < new_bottom:
                starting = index
        target = starting if starting is not None else covering
        if target is not None and target != self.highlighted:
            self.highlighted = target
        self._scroll_to_line(new_top)


class YourAnswersList(ChoiceList):
    """The questions answered so far; Enter goes back to one to change it."""

    HELP_AREA = "Your answers ({flow.your-answers} or {flow.next-area} to reach)"


class FlowScreen(FlowStepScreen, inherit_bindings=False):
    """One question: its text, why we ask, the answers, a preview of urgent ones, progress."""

    HELP_AREA = "Questions"
    #: Keys by binding id, as the reader has them (`keymap.with_reader_keys`).
    HELP_HINT = (
        "Choose an answer with its number, or with {choice.up} {choice.down} and "
        "{choice.choose}. {flow.back} goes to the previous question (from the first, to the "
        "guide), {flow.your-answers} to your answers so far, where {choice.choose} goes back "
        "to any of them to change it and {flow.back} closes them. On a small screen your "
        "answers, or \"why we ask\", take the answers' place; there a number only "
        "highlights, so nothing is chosen out of sight."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(str(n), f"choose({n})", f"Choose answer {n}", show=False,
                    id=f"flow.choose-{n}")
            for n in range(1, 10)
        ],
        Binding("b,backspace", "back", "Previous question", id="flow.back"),
        Binding("w", "toggle_why", "Why we ask", id="flow.why"),
        Binding("y", "your_answers", "Your answers", id="flow.your-answers"),
        Binding("r", "restart", "Restart", id="flow.restart"),
        Binding("escape", "leave", BACK_TO_THE_GUIDE, show=False, id="flow.leave"),
        Binding("tab", "app.focus_next", "Next area", show=False, id="flow.next-area"),
        Binding("shift+tab", "app.focus_previous", "Previous area", show=False,
                id="flow.previous-area"),
    ]

    def __init__(self, show_your_answers: bool = False) -> None:
        super().__init__()
        self.show_your_answers = show_your_answers
        #: The answers when "Your answers" was opened from the outcome (`y` there): closing it
        #: with them unchanged goes back to that outcome, not to the last question.
        self._from_outcome: FlowState | None = None
        # The parts this screen changes, made with it: a handler that runs after they were
        # removed (a key or a mount arriving as the app closes) changes detached widgets
        # instead of failing to find them.
        self._title_bar = TitleBar()
        self._head = QuestionHead(id="flow-head", can_focus=False)
        self._progress = Static(id="flow-progress")
        self._question_text = Static(id="flow-question-text")
        self._why = Static(id="flow-why")
        self._why_short = Static(id="flow-why-short")
        self._why_box = WhyWeAsk(id="flow-why-box")
        self._answers = AnswerList(id="flow-answers", make_room=self._make_room)
        self._more = MoreCue(id="flow-more")
        self._preview = Static(id="flow-preview")
        self._your_answers = YourAnswersList(id="your-answers")

    def compose(self) -> ComposeResult:
        self._show_title()
        yield self._title_bar
        with Horizontal(id="flow-body"):
            with Vertical(id="flow-question"):
                with self._head:
                    yield self._progress
                    yield self._question_text
                    yield self._why
                with self._why_box:
                    yield self._why_short
                yield self._answers
                yield self._more
                yield self._preview
            yield self._your_answers
        yield from guide_errors_when_watching(self.app)
        yield KeyBar(describe=self._key_words)

    # -- state ------------------------------------------------------------------------------

    def _set_state(self, state: FlowState) -> None:
        if not self.acts_now():  # a key typed ahead reached this screen after it was replaced
            return
        self._close_why()  # another question (or the outcome): its answers first
        self.app.session.flow = state
        if state.at_outcome:
            self.app.switch_flow_screen()
        else:
            self.show_question()
            self.refresh_bindings()  # `b`'s words depend on the question (`_key_words`)

    def _key_words(self, binding: Binding) -> str:
        """A key's words in the key bar: `b` says where it goes (`action_back`)."""
        if binding.id != "flow.back":
            return binding.description
        if self._in_your_answers():
            if self._closing_your_answers_shows_the_outcome():
                return N_("Back to the outcome")
            return N_("Back to the question")
        if self.state.position == 0:
            return BACK_TO_THE_GUIDE
        return binding.description

    # -- drawing ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.was_closed():  # by a key typed before it was shown
            return
        answers = self._answers
        answers.border_title = _("Answers")
        answers.border_subtitle = with_reader_keys(
            answers, _("a number, or {choice.up} {choice.down} and {choice.choose}"))
        your_answers = self._your_answers
        your_answers.border_title = _("Your answers")
        your_answers.border_subtitle = with_reader_keys(your_answers,
                                                        _("{choice.choose}: change"))
        if self.state.at_outcome:  # nothing left to ask: show where the answers lead
            self._set_state(self.state)
            return
        self.app.session.screen = SCREEN_QUESTIONS  # resume here
        self.set_class(not self.app.session.show_why, "-hide-why")
        self.show_question()
        self._focus_answers()
        if self.show_your_answers:
            if self.state.to_outcome().at_outcome:
                self._from_outcome = self.state
            self.call_after_refresh(self.action_your_answers)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        if not self.has_class("-short"):
            self.remove_class("-question-away")
            self._close_why()  # tall enough for it under the question (unless w hid it)
        narrow = event.size.width < NARROW_WIDTH
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.show_question()
        elif self.state.current_question is not None:
            self._show_progress()

    def _focus_answers(self) -> None:
        """Focus the answers without scrolling the question out of sight."""
        self._answers.focus(scroll_visible=False)

    def show_question(self) -> None:
        """Draw the current question, its answers (the chosen one highlighted) and the panel."""
        state = self.state
        question = state.current_question
        if question is None:
            return
        self.remove_class("-question-away")  # a new question starts in sight: say so
        self._show_progress()
        self._question_text.update(Text(safe_text(question.text)))
        why = Text.assemble((_("Why we ask: "), "bold"), safe_text(question.why))
        self._why.update(why)
        self._why_short.update(why)
        self._why_box.scroll_home(animate=False)
        answers = self._answers
        chosen = state.chosen(question.id)
        answers.set_options(
            Option(self._answer_prompt(number, answer, answer.id == chosen, chosen is not None),
                   id=answer.id)
            for number, answer in enumerate(question.answers, start=1)
        )
        answers.highlighted = next(
            (i for i, a in enumerate(question.answers) if a.id == chosen), 0
        )
        answers.fit_to_answers()
        self._show_preview(question, answers.highlighted)
        self._show_your_answers()
        self._head.scroll_home(animate=False)

    def _show_progress(self) -> None:
        """"Question n of at most m", and a hint at y on narrow screens when it fits the line."""
        state = self.state
        progress_line = Text(str(state.progress()))
        hint = with_reader_keys(self, _(" · {flow.your-answers}: your answers"))
        room = self._progress.size.width or self.size.width - 2
        if self.has_class("-question-away"):
            hint = _(" · ↑ question")
            if progress_line.cell_len + Text(hint).cell_len <= room:
                progress_line.append(hint, style="italic")
        elif (self.has_class("-narrow") and state.reasons()
                and progress_line.cell_len + Text(hint).cell_len <= room):
            progress_line.append(hint, style="italic")
        self._progress.update(progress_line)

    def reload_guide(self) -> list[str]:
        """Show the questions of a reloaded guide (the answers were rebased by the app)."""
        self._show_title()
        if not self.state.at_outcome:
            self.show_question()
        elif self.app.screen is self:  # the answers now end earlier: show where they lead
            self._set_state(self.state)
        else:  # under help or a dialog: when the reader is back
            self.reload_when_back()
        return []

    def _show_title(self) -> None:
        guide = self.app.guide
        self._title_bar.show(guide.info.title, guide.flow.title)

    def _answer_prompt(self, number: int, answer: Answer, chosen: bool, marks: bool) -> Table:
        """`marks`: a question answered before: the chosen answer carries a glyph, others a
        space, so the numbers stay in one column."""
        label = Text(safe_text(answer.label, one_line=True))
        if chosen:
            label.append(_("  (your answer)"), style="italic")
        number_text = f"{number}." if number <= 9 else ""
        if marks:
            number_text = f"{chosen_mark() if chosen else ' '} {number_text}"
        return hanging(number_text, label)

    def _show_preview(self, question: Question, index: int | None) -> None:
        preview = self._preview
        answer = question.answers[index] if index is not None else None
        text = self.preview_text(answer) if answer is not None else None
        preview.display = text is not None
        preview.update(text or "")

    def preview_text(self, answer: Answer) -> Text | None:
        """What choosing `answer` would mean, shown before committing when it is urgent."""
        preview = urgent_preview(self.app.guide, answer)
        return None if preview is None else Text(safe_text(preview), style="bold")

    def _show_your_answers(self) -> None:
        state = self.state
        flow = state.flow
        entries: list[Option] = []
        for index, question_id in enumerate(state.path):
            question = flow.questions[question_id]
            chosen = question.answer(state.chosen(question_id) or "")
            here = index == state.position
            body = Text(safe_text(question.text, one_line=True))
            body.append("\n")
            if chosen is not None:
                body.append("→ " + safe_text(chosen.label, one_line=True), style="bold")
            else:
                body.append(_("(not answered yet)"), style="italic")
            marker = ">" if here else " "
            entries.append(Option(hanging(f"{marker}{index + 1}.", body), id=question_id))
        outcome = state.outcome
        if outcome is not None:
            body = Text.assemble((_("Outcome: "), "bold"),
                                 safe_text(outcome.title, one_line=True))
            entries.append(Option(hanging("  ", body), id=OUTCOME_ENTRY))
        your_answers = self._your_answers
        your_answers.set_options(entries)
        your_answers.highlighted = min(state.position, len(entries) - 1) if entries else None

    def _make_room(self, wanted: bool) -> bool:
        """On a short screen, the question scrolls away (wanted) so a long answer has the
        lines, or comes back; True when it did."""
        if wanted == self.has_class("-question-away") or (wanted and not self.has_class("-short")):
            return False
        self.set_class(wanted, "-question-away")
        self._show_progress()
        return True

    @on(AnswerList.ViewMoved)
    @on(WhyWeAsk.ViewMoved)
    def _show_more_cue(self) -> None:
        """"more ↑ ↓" under the answers (or "why we ask" in their place) while some of them
        are out of sight."""
        self._more.follow(self._why_box if self._why_is_open() else self._answers)

    # -- reader input ---------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#flow-answers")
    def _answer_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        question = self.state.current_question
        index = event.option_index
        # A highlight typed ahead can arrive after the question (or this screen) was replaced.
        if question is None or index >= len(question.answers):
            return
        if question.answers[index].id == event.option.id:
            self._show_preview(question, index)

    @on(OptionList.OptionSelected, "#flow-answers")
    def _answer_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id or "")

    @on(OptionList.OptionSelected, "#your-answers")
    def _earlier_question_selected(self, event: OptionList.OptionSelected) -> None:
        target = event.option.id or ""
        self.remove_class("-answers-view")
        if target == OUTCOME_ENTRY:
            self._set_state(self.state.to_outcome())
            return
        if target in self.state.path:
            self._set_state(self.state.jump_to(target))
            self._focus_answers()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"Why we ask" (about the question) is not offered while "Your answers" is in the
        question's place."""
        if action == "toggle_why" and self._question_out_of_sight():
            return False
        return super().check_action(action, parameters)

    def action_choose(self, number: int) -> None:
        """Choose the current question's answer number `number`. Nothing is chosen out of
        sight: in "Your answers" in the question's place, where the numbers are the
        questions', go to question `number`; with "why we ask" in the answers' place, show
        the answers with answer `number` highlighted (Enter chooses it)."""
        if self._question_out_of_sight():
            if number <= len(self.state.path):
                self._your_answers.highlighted = number - 1
            else:
                self.notify(_("There is no question {number} here.").format(number=number),
                            severity="warning", timeout=3)
            return
        question = self.state.current_question
        if question is not None and 1 <= number <= len(question.answers):
            if self._why_is_open():
                self._close_why()
                self._focus_answers()
                self._answers.highlighted = number - 1
                return
            self._choose(question.answers[number - 1].id)
        else:
            self.notify(_("There is no answer {number} here.").format(number=number),
                        severity="warning", timeout=3)

    def _choose(self, answer_id: str) -> None:
        question = self.state.current_question
        if question is None or question.answer(answer_id) is None:
            return
        new_state = self.state.answer(question.id, answer_id)
        self._tell_dropped(new_state)
        self.remove_class("-answers-view")
        self._set_state(new_state)
        if not new_state.at_outcome:
            self._focus_answers()

    def _tell_dropped(self, state: FlowState) -> None:
        texts = [
            safe_text(state.flow.questions[step.question].text, one_line=True)
            for step in state.dropped
            if step.question in state.flow.questions
        ]
        if texts:
            listed = "; ".join(f"“{t}”" for t in texts)
            self.notify(_("Your answers to {questions} no longer apply, so they were "
                          "removed.").format(questions=listed),
                        title=_("Answers changed"), timeout=6)

    def _in_your_answers(self) -> bool:
        """Whether "Your answers" is open (its own view when narrow, or in focus when wide)."""
        return self._question_out_of_sight() or self._your_answers.has_focus

    def _question_out_of_sight(self) -> bool:
        """Whether "Your answers" is in the question's place (narrow screens)."""
        return self.has_class("-answers-view")

    def _close_your_answers(self) -> None:
        """Back to where the reader was: the question, or the outcome "Your answers" was
        opened from when nothing changed since."""
        if self._closing_your_answers_shows_the_outcome():
            self._set_state(self.state.to_outcome())
            return
        self.remove_class("-answers-view")
        self._focus_answers()

    def _closing_your_answers_shows_the_outcome(self) -> bool:
        """Whether "Your answers" was opened from the outcome, and nothing changed since."""
        return self._from_outcome is not None and self.state == self._from_outcome

    def action_leave(self) -> None:
        """Escape: close "Your answers" or "why we ask" if open, else back to the guide."""
        if self._in_your_answers():
            self._close_your_answers()
        elif self._why_is_open():
            self._close_why()
        else:
            super().action_leave()

    def action_back(self) -> None:
        """Previous question with its answer highlighted; from the first, back to the guide
        (a step back, as from any other question, even with "why we ask" open; closing that
        box alone is Escape's or `w`'s). With "Your answers" open: close it."""
        if self._in_your_answers():
            self._close_your_answers()
        elif self.state.position == 0:
            self._close_why()
            super().action_leave()
        else:
            self._set_state(self.state.back())

    def action_toggle_why(self) -> None:
        """Show or hide "why we ask" (on a short screen, hidden until asked for; then in the
        answers' place, so the question above stays in sight)."""
        if self.has_class("-short"):
            if self._why_is_open():
                self._close_why()
            else:
                self._open_why()
            return
        hidden = not self.has_class("-hide-why")
        self.set_class(hidden, "-hide-why")
        self.app.session.show_why = not hidden

    def _why_is_open(self) -> bool:
        return self.has_class("-why-open")

    def _open_why(self) -> None:
        """"Why we ask" in the answers' place, under the question (back in sight)."""
        self.remove_class("-question-away")
        self.add_class("-why-open")
        self._show_progress()
        self._head.scroll_home(animate=False)
        self._why_box.scroll_home(animate=False)
        self._why_box.focus()
        self._preview.display = False  # about an answer not in sight now
        self._show_more_cue()

    def _close_why(self) -> None:
        """The answers back in place of "why we ask" (if it was open)."""
        if not self._why_is_open():
            return
        self.remove_class("-why-open")
        if self._why_box.has_focus:
            self._focus_answers()
        question = self.state.current_question
        if question is not None:
            self._show_preview(question, self._answers.highlighted)
        self._show_more_cue()

    def action_your_answers(self) -> None:
        """Go to "Your answers" (a view of its own on narrow screens) or back to the question."""
        your_answers = self._your_answers
        if self._in_your_answers():
            self._close_your_answers()
        else:
            self._close_why()  # back from them to the answers, not to a hidden list
            self.set_class(self.has_class("-narrow"), "-answers-view")
            your_answers.focus()

    def restarted(self, state: FlowState) -> None:
        self._set_state(state)
        self._focus_answers()
