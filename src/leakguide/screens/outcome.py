"""Where the questions end: how urgent, what to do, why, what to read next, and saving it.

Reads the answers from `app.flow_state`; warning signs ("Get help if…") come before self-care
(`render.outcome.sections_in_order`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar, cast

from rich.console import Group
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..content.model import Outcome
from ..content.unsafe import printable, safe_text
from ..flowstate import FlowState
from ..i18n import N_, _
from ..keymap import with_reader_keys
from ..render.evidence import evidence_text
from ..render.markdown import render_markdown
from ..render.outcome import (
    GET_HELP_IF,
    WHAT_TO_DO,
    read_next,
    sections_in_order,
    urgency_description,
    urgency_label,
)
from ..render.sources import known_sources
from ..state import SCREEN_OUTCOME
from ..summary import render_summary, save_summary, summary_dir_for, summary_file_name
from ..widgets.choice_list import ChoiceList
from ..widgets.guide_errors import guide_errors_when_watching
from ..widgets.key_bar import KeyBar
from ..widgets.more_cue import MoreCue
from ..widgets.title_bar import TitleBar
from .flow_step import BACK_TO_THE_GUIDE, FlowStepScreen, hanging

#: Below this height the outcome drops its title bar and draws bars instead of boxes.
SHORT_HEIGHT = 24


class OutcomeText(VerticalScroll, can_focus=True, inherit_bindings=False):
    """The scrolling part of the outcome: what to do, get help if, why, sources, reviewed.

    In focus when the outcome opens, so ↑ ↓ (j k) read it line by line from the start. Its
    own keys only (PgUp and PgDn are the screen's, for whichever part has focus): help lists
    them as "What to do, and why"."""

    HELP_AREA = "What to do, and why"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="outcome.text-up"),
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="outcome.text-down"),
        Binding("g,home", "scroll_home", "Top", show=False, id="outcome.text-top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="outcome.text-bottom"),
    ]

    class ViewMoved(Message):
        """The text scrolled or changed size: there may be more (or no more) out of sight."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.ViewMoved())

    def on_resize(self) -> None:
        self.post_message(self.ViewMoved())

    def action_follow_link(self, topic_id: str) -> None:
        """A mouse click on a `topic:` link in the body."""
        cast(OutcomeScreen, self.screen).open_topic(topic_id)


class ReadNextList(ChoiceList):
    """The outcome's recommended topics (and those its text links to); Enter opens one."""

    HELP_AREA = "Read next"


#: Keys in one word, where the full words would leave a key off the bar.
SHORT_WORDS = {"outcome.save": N_("Save"), "outcome.back": N_("Back")}


class OutcomeScreen(FlowStepScreen, inherit_bindings=False):
    """The outcome of the reader's answers."""

    HELP_AREA = "Outcome"
    #: Keys by binding id, as the reader has them (`keymap.with_reader_keys`).
    HELP_HINT = (
        "What to do, how soon, and why. {outcome.text-up} {outcome.text-down} or "
        "{outcome.page-up}/{outcome.page-down} scroll the text; {outcome.next-area} goes to the "
        "topics to read next, where {choice.choose} opens one ({browse.back} there comes back "
        "here); {outcome.save} saves a summary."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save summary", id="outcome.save"),
        Binding("b,backspace", "back", "Last question", id="outcome.back"),
        Binding("y", "change_answers", "Change answers", id="outcome.change"),
        Binding("r", "restart", "Restart", id="outcome.restart"),
        Binding("pagedown,space", "scroll_text(1)", "Scroll down", show=False,
                id="outcome.page-down"),
        Binding("pageup", "scroll_text(-1)", "Scroll up", show=False, id="outcome.page-up"),
        Binding("escape", "leave", BACK_TO_THE_GUIDE, show=False, id="outcome.leave"),
        Binding("tab", "app.focus_next", "Next area", show=False, id="outcome.next-area"),
        Binding("shift+tab", "app.focus_previous", "Previous area", show=False,
                id="outcome.previous-area"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saved_path: str | None = None
        #: When the summary was saved and its text (`_already_saved`).
        self._saved_summary: tuple[dt.datetime, str] | None = None
        # The parts this screen changes, made with it: a handler that runs after they were
        # removed (a key or a mount arriving as the app closes) changes detached widgets
        # instead of failing to find them.
        self._title_bar = TitleBar()
        self._urgency = Static(id="outcome-urgency")
        self._urgency_short = Static(id="outcome-urgency-short")
        self._title = Static(id="outcome-title")
        self._evidence = Static(id="outcome-evidence")
        self._saved = Static(id="outcome-saved")
        self._saved_short = Static(id="outcome-saved-short")
        self._how_soon_short = Static(id="outcome-how-soon-short")
        self._body = Static(id="outcome-body")
        self._outcome_text = OutcomeText(id="outcome-text")
        self._more = MoreCue(id="outcome-more")
        self._read_next = ReadNextList(id="outcome-topics")

    def compose(self) -> ComposeResult:
        self._show_outcome()
        yield self._title_bar
        with Vertical(id="outcome-head"):
            yield self._urgency
            yield self._urgency_short
            yield self._title
            yield self._evidence
            yield self._saved
        with self._outcome_text:
            # On a short screen "how soon" moves here, under the title rather than above it,
            # then "Saved: …" (a long path that would push the text off the screen; under
            # "how soon", whose emergency numbers stay in sight).
            yield self._how_soon_short
            yield self._saved_short
            yield self._body
        yield self._more
        yield self._read_next
        yield from guide_errors_when_watching(self.app)
        yield KeyBar(short=lambda binding: SHORT_WORDS.get(binding.id or ""))

    def offers_key(self, binding: Binding) -> bool:
        """Not `s` where saving is off (pressed, it says why)."""
        return binding.id != "outcome.save" or self._can_save()

    def on_mount(self) -> None:
        if self.was_closed():  # by a key typed before it was shown
            return
        if self.state.outcome is None:  # the answers were changed elsewhere: ask on
            self._to_questions(self.state.to_outcome())
            return
        self.app.session.screen = SCREEN_OUTCOME  # resume here
        self._outcome_text.border_title = _("What to do, and why")
        read_next = self._read_next
        read_next.border_title = _("Read next")
        read_next.border_subtitle = with_reader_keys(
            read_next, _("{choice.choose} opens · {browse.back} comes back here"))
        if self._show_read_next():
            read_next.highlighted = 0
        self._outcome_text.focus()  # the outcome first: what to do, and when to get help

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    @on(OutcomeText.ViewMoved)
    def _show_more_cue(self) -> None:
        """"more ↑ ↓" under the text while some of it is out of sight."""
        self._more.follow(self._outcome_text)

    def _show_read_next(self) -> bool:
        """List the topics to read next; False when there are none."""
        topics = self.read_next_topics()
        read_next = self._read_next
        highlighted = read_next.highlighted
        read_next.set_options(
            Option(Text(safe_text(self.app.guide.topics[t].title, one_line=True)), id=t)
            for t in topics
        )
        read_next.display = bool(topics)
        if topics and highlighted is not None:
            read_next.highlighted = min(highlighted, len(topics) - 1)
        return bool(topics)

    def reload_guide(self) -> list[str]:
        """Show the outcome from a reloaded guide, or the questions if the answers now stop
        short of one (the app has rebased them)."""
        outcome = self.state.outcome
        if outcome is None or not self.state.at_outcome:
            if self.app.screen is self:
                self._to_questions(self.state.to_outcome())
            else:  # under help or a dialog: when the reader is back
                self.reload_when_back()
            return []
        self._show_outcome()
        if not self._show_read_next() and self.focused is None:
            self._outcome_text.focus()
        return []

    def _show_outcome(self) -> None:
        """Draw the outcome of the answers (nothing where there is none)."""
        outcome = self.state.outcome
        guide = self.app.guide
        self._title_bar.show(guide.info.title, guide.flow.title)
        self._urgency.update(self._urgency_text(outcome))
        self._urgency_short.update(self._urgency_text(outcome, short=True))
        self._how_soon_short.update(self._urgency_description(outcome))
        self._title.update(Text(safe_text(outcome.title, one_line=True) if outcome else ""))
        self._evidence.update(self._evidence_text(outcome))
        self._body.update(self._text(outcome))

    # -- content ------------------------------------------------------------------------

    def _urgency_text(self, outcome: Outcome | None, short: bool = False) -> Text:
        """How urgent, and (unless `short`) what that means."""
        if outcome is None:
            return Text()
        guide = self.app.guide
        text = Text()
        text.append(safe_text(urgency_label(guide, outcome.urgency), one_line=True), style="bold")
        description = urgency_description(guide, outcome.urgency)
        if description and not short:
            text.append(" — " + safe_text(description, one_line=True))
        return text

    def _urgency_description(self, outcome: Outcome | None) -> Text:
        """What the urgency means ("Contact your midwife or doctor today…")."""
        description = urgency_description(self.app.guide, outcome.urgency) if outcome else ""
        return Text(safe_text(description, one_line=True)) if description else Text()

    def _evidence_text(self, outcome: Outcome | None) -> Text:
        """The outcome's evidence label, worded as a topic's is."""
        if outcome is None:
            return Text()
        return evidence_text(self.app.guide, outcome.evidence, "bold", "dim")

    def _text(self, outcome: Outcome | None) -> Group:
        if outcome is None:
            return Group()
        guide = self.app.guide
        parts: list = []

        def heading(title: str) -> None:
            if parts:
                parts.append(Text())
            parts.append(Text(title, style="bold underline"))

        for section in sections_in_order(outcome):
            if section == GET_HELP_IF and outcome.get_help_if:
                heading(_("Get help if…"))
                parts += [hanging("•", Text(safe_text(item))) for item in outcome.get_help_if]
            elif section == WHAT_TO_DO:
                heading(_("What to do"))
                parts.append(render_markdown(outcome.body).renderable)
        heading(_("Why you see this"))
        parts.append(Text(_("Your answers:")))
        for number, reason in enumerate(self.state.reasons(), start=1):
            line = Text(f"{safe_text(reason.question, one_line=True)} ")
            line.append("→ " + safe_text(reason.answer, one_line=True), style="bold")
            parts.append(hanging(f"{number}.", line))
        parts.append(Text(with_reader_keys(self, _("Press {outcome.change} to change an "
                                                   "answer.")), style="italic"))
        sources = known_sources(guide, outcome.sources)
        if sources:
            heading(_("Sources"))
            for source in sources:
                line = Text(safe_text(f"{source.publisher}: {source.title}", one_line=True))
                line.append("\n")
                url = safe_text(source.url, one_line=True)
                line.append(url, style=f"link {url}" if url.startswith("https://") else "")
                line.overflow = "fold"  # the whole address, wrapped: a reader may copy it
                parts.append(hanging("•", line))
        parts.append(Text())
        parts.append(Text(_("Guide last reviewed {date}.").format(
            date=guide.info.reviewed.isoformat()),
                          style="italic"))
        if guide.info.disclaimer:
            parts.append(Text(safe_text(guide.info.disclaimer), style="italic"))
        return Group(*parts)

    def read_next_topics(self) -> list[str]:
        """Recommended topics, then topics the body links to, each once, known ones only."""
        outcome = self.state.outcome
        return read_next(self.app.guide, outcome) if outcome is not None else []

    # -- reader input -----------------------------------------------------------------

    @on(OptionList.OptionSelected, "#outcome-topics")
    def _topic_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_topic(event.option.id or "")

    def open_topic(self, topic_id: str) -> None:
        """Open a topic in the guide; `b` there comes back to this outcome."""
        if not self.acts_now():  # a choice typed ahead arrived after this screen was replaced
            return
        if topic_id in self.app.guide.topics:
            self.app.open_topic_from_flow(topic_id)

    def action_scroll_text(self, pages: int) -> None:
        """Scroll the outcome text a page, whichever part has focus."""
        text = self._outcome_text
        if pages > 0:
            text.scroll_page_down()
        else:
            text.scroll_page_up()

    def _can_save(self) -> bool:
        """Whether `s` saves (or downloads) the summary: not on a shared server."""
        return self.app.options.browser or summary_dir_for(self.app.options) is not None

    def action_save(self) -> None:
        """Write the summary as Markdown and say where (in a browser: download it there)."""
        if self.app.options.browser:
            self._download_summary()
            return
        directory = summary_dir_for(self.app.options)
        if directory is None:
            self.notify(_("Saving is off on this shared server, so your answers stay private."),
                        severity="warning", timeout=6)
            return
        now = dt.datetime.now().replace(microsecond=0)
        outcome = self.state.outcome
        if outcome is None:  # this screen is only ever shown at an outcome
            return
        if self._already_saved():
            self._show_saved(Text(_("Already saved: {path}").format(
                path=printable(str(self.saved_path)))), _("Already saved. Where: below."))
            return
        try:
            text = render_summary(self.app.guide, self.state, now)
            path = save_summary(text, directory, outcome.id, now)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.notify(_("Could not save the summary in {folder}: {reason}").format(
                folder=printable(str(directory)), reason=reason),
                        severity="error", timeout=10)
            return
        self.saved_path = str(path)
        self._saved_summary = (now, text)
        # Said on the screen, where the whole path can be read (a notice of it would be cut
        # with "…" over a phone's key bar).
        self._show_saved(Text(_("Saved: {path}").format(path=printable(str(path)))),
                         _("Saved. Where: in the text, below."))

    def _already_saved(self) -> bool:
        """Whether `s` was pressed before and that file still holds this summary (the same
        answers and guide: nothing reloaded since), so a second `s` makes no second copy."""
        if self._saved_summary is None or self.saved_path is None:
            return False
        saved_at, text = self._saved_summary
        try:
            on_disk = Path(self.saved_path).read_text(encoding="utf-8")
        except (OSError, ValueError):
            return False
        return on_disk == text == render_summary(self.app.guide, self.state, saved_at)

    def _show_saved(self, text: Text, done: str) -> None:
        """Where the summary went: under the title; on a short screen under "how soon", with
        the text back at its top (what to do first, in sight) and a short notice, `done`,
        since the words under it may be out of sight."""
        self._saved.update(text)
        self._saved_short.update(text)
        self.add_class("-saved")
        if self.has_class("-short"):
            self.call_after_refresh(self._outcome_text.scroll_home, animate=False)
            self.notify(done, timeout=5)

    def _download_summary(self) -> None:
        """Offer the summary to the reader's browser as a download; nothing is written on
        the server (`leakguide serve`)."""
        import io

        outcome = self.state.outcome
        if outcome is None:
            return
        now = dt.datetime.now().replace(microsecond=0)
        text = render_summary(self.app.guide, self.state, now)
        name = summary_file_name(outcome.id, now)
        self.app.deliver_binary(io.BytesIO(text.encode("utf-8")), save_filename=name,
                                mime_type="text/markdown; charset=utf-8")
        # Said on the screen, as a saved summary is (see `action_save`).
        self._show_saved(Text(_("Downloading: {name}").format(name=name)),
                         _("Downloading. Its name: in the text, below."))

    def action_back(self) -> None:
        """The last question, its answer highlighted."""
        self._to_questions(self.state.back())

    def action_change_answers(self) -> None:
        """The questions with "Your answers" in focus, to change any of them."""
        self._to_questions(self.state.back(), your_answers=True)

    def _to_questions(self, state: FlowState, your_answers: bool = False) -> None:
        if not self.acts_now():  # a key typed ahead arrived after this screen was replaced
            return
        self.app.session.flow = state
        self.app.switch_flow_screen(your_answers=your_answers)

    def restarted(self, state: FlowState) -> None:
        self._to_questions(state)
