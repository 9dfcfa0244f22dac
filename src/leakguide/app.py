"""The terminal app: holds the guide, the options and the reader's place; routes screens."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from .content import Guide, bundled_guide_path, load_guide
from .flowstate import FlowState
from .options import AppOptions
from .state import load_state, restore, save_state, snapshot, state_dir_for

#: Seconds of quiet before a change of place is written to the state file.
SAVE_DELAY = 0.5


class _GuideScreen(Screen):
    """Stand-in for the browse screen until it lands (branch `browse`)."""

    def compose(self) -> ComposeResult:
        yield Static(id="topic")
        yield Footer()

    def show_topic(self, topic_id: str) -> None:
        topic = self.app.guide.topics[topic_id]
        self.query_one("#topic", Static).update(topic.title)


class LeakGuideApp(App):
    """leakguide: browse the guide, or answer a few questions to learn what to do."""

    CSS_PATH = "app.tcss"
    TITLE = "leakguide"
    BINDINGS = [
        Binding("a", "ask", "Ask", id="app.ask"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, guide: Guide | None = None, options: AppOptions | None = None) -> None:
        super().__init__()
        self.options = options or AppOptions()
        if guide is None:
            guide = _load_bundled_guide(self.options.guide_path)
        self.guide = guide
        self.show_flow_why = True
        self.current_topic: str | None = None
        self.history: tuple[str, ...] = ()
        self.history_index = -1
        self._flow_state = FlowState.start(guide.flow)
        self._save_timer: Timer | None = None
        self.state_dir: Path | None = state_dir_for(self.options)
        self.startup_notices: list[str] = []

    # -- the reader's flow answers ----------------------------------------------------------

    @property
    def flow_state(self) -> FlowState:
        """The answers so far; they live here so leaving the flow never loses them."""
        return self._flow_state

    @flow_state.setter
    def flow_state(self, state: FlowState) -> None:
        self._flow_state = state
        self.save_place_soon()

    # -- start and end -----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.push_screen(_GuideScreen())
        self._restore_place()
        if self.options.start_topic and self.options.start_topic in self.guide.topics:
            self.current_topic = self.options.start_topic
        if self.options.answers:
            state, problems = FlowState.start(self.guide.flow).with_answer_tokens(
                self.options.answers
            )
            self._flow_state = state
            for problem in problems:
                self.notify(problem, severity="warning", timeout=10)
            self.action_ask()
        for notice in self.startup_notices:
            self.notify(notice, timeout=8)

    def _restore_place(self) -> None:
        """Bring back the reader's place unless started fresh; resume is off without a dir."""
        if self.options.fresh or self.state_dir is None:
            return
        restored = restore(self.guide, load_state(self.state_dir))
        self.startup_notices.extend(restored.notices)
        self.current_topic = restored.topic
        self.history = restored.history
        self.history_index = restored.history_index
        self._flow_state = restored.flow_state

    def on_unmount(self) -> None:
        self.save_place_now()

    # -- saving the place ------------------------------------------------------------------

    def save_place_soon(self) -> None:
        """Save the reader's place after a short quiet spell (many quick changes, one write)."""
        if self.state_dir is None or not self.is_running:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_place_now)

    def save_place_now(self) -> None:
        """Write the reader's place now; a failure is told once, never raised."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.state_dir is None:
            return
        place = snapshot(self.guide, self.current_topic, self.history, self.history_index,
                         self._flow_state)
        try:
            save_state(self.state_dir, place)
        except OSError as exc:
            if not getattr(self, "_told_save_failure", False):
                self._told_save_failure = True
                reason = exc.strerror or type(exc).__name__
                self.notify(f"Could not save your place in {self.state_dir}: {reason}",
                            severity="warning", timeout=8)

    # -- routing -----------------------------------------------------------------------------

    def action_ask(self) -> None:
        """Start or resume the questions: the current question, or the outcome if reached."""
        from .screens.flow import FlowScreen
        from .screens.outcome import OutcomeScreen

        if isinstance(self.screen, (FlowScreen, OutcomeScreen)):
            return
        self.push_screen(OutcomeScreen() if self._flow_state.at_outcome else FlowScreen())

    def open_topic_from_flow(self, topic_id: str) -> None:
        """Open a topic recommended by the outcome; `b` in the guide comes back to it."""
        from .screens.flow import FlowScreen
        from .screens.outcome import OutcomeScreen

        while isinstance(self.screen, (FlowScreen, OutcomeScreen)):
            self.pop_screen()
        self.current_topic = topic_id
        self.screen.show_topic(topic_id)
        self.save_place_soon()


def _load_bundled_guide(path: str = "") -> Guide:
    result = load_guide(path or bundled_guide_path())
    if result.guide is None:
        raise SystemExit(f"{path or bundled_guide_path()}: the guide has errors; run "
                         "`leakguide check` to see them")
    return result.guide
