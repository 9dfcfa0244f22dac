"""The terminal app: holds the guide, the start-up options and the reader's place; routes screens.

The reader's session (`state.Session`: topic, history, flow answers, the way back to the
outcome) is restored at start (unless `--fresh`), saved after each change while the app runs,
and when it ends. Resume is off when `state_dir` is None: in hosted
mode without a per-reader directory (see `state.state_dir_for`).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from .content import bundled_guide_path, load_guide
from .content.model import Guide
from .content.unsafe import printable, safe_text
from .flowstate import FlowState
from .i18n import _, language
from .options import AppOptions
from .render.sgr import SgrCompactor
from .screens.browse import BrowseScreen
from .screens.drawn import ActsOnceDrawn
from .screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from .state import (
    SCREEN_GUIDE,
    SCREEN_OUTCOME,
    SCREEN_QUESTIONS,
    LoadedState,
    Restored,
    Session,
    load_state,
    restore,
    save_state,
    state_dir_for,
)
from .terminal import KeyBudget

#: Below this width or height a notice ("Restored your place…", "Keys file problems: see ?
#: Help") is one line over the key bar, not a box over the content. 80×24, the usual
#: terminal, counts: there the box covered the Related list for seconds.
SMALL_WIDTH = 60
SMALL_HEIGHT = 25

#: Seconds of quiet after a change of place before it is written.
SAVE_DELAY = 0.5

if TYPE_CHECKING:
    from .guide_watch import GuideWatcher, Settled
    from .search import SearchIndex


KEY_NAMES = {
    "up": "↑", "down": "↓", "left": "←", "right": "→", "enter": "Enter", "escape": "Esc",
    "backspace": "Backspace", "tab": "Tab", "space": "Space", "home": "Home", "end": "End",
    "pageup": "PgUp", "pagedown": "PgDn", "slash": "/", "question_mark": "?", "f1": "F1",
}


class GuideUnavailable(Exception):
    """The bundled guide could not be loaded (only when the app is built without a guide)."""


class LeakGuideApp(App[int], inherit_bindings=False):
    """leakguide: browse the guide, ask the decision flow, search, get help."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    ENABLE_COMMAND_PALETTE = False
    HELP_AREA = "Everywhere"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q,ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit-now"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("a", "ask", "Ask", id="app.ask"),
        Binding("t", "next_theme", "Theme", id="app.theme"),
    ]

    #: With `--watch`: the problems of the guide file when its latest version could not be used.
    broken_guide: reactive[Settled | None] = reactive(None)
    _guide_watcher: GuideWatcher | None = None

    def __init__(self, guide: Guide | None = None, *, options: AppOptions | None = None) -> None:
        from .textual_private import break_lines_by_the_rule
        from .themes import ANSI_THEMES, THEME_NAMES, theme_for, unknown_theme_message

        break_lines_by_the_rule()  # Chinese lines break where the plain-text tools break them

        self.options = options or AppOptions()  # set first: get_driver_class reads it
        if self.options.theme is not None and self.options.theme not in THEME_NAMES:
            raise ValueError(unknown_theme_message(self.options.theme))
        state_dir = state_dir_for(self.options)
        loaded = load_state(state_dir) if state_dir is not None else None
        saved_theme = loaded.state.theme if loaded is not None and loaded.state else ""
        theme = theme_for(self.options.theme, saved_theme, os.environ)
        # The terminal's own colours are sent as they are (and with NO_COLOR, where the theme
        # is mono, Textual strips every colour rather than turning it grey).
        super().__init__(ansi_color=theme in ANSI_THEMES)
        self.guide = guide if guide is not None else _bundled_guide()
        self.title = self.guide.info.title
        self._search_index: SearchIndex | None = None
        self.state_dir: Path | None = state_dir
        self._save_timer: Timer | None = None
        self._told_save_failure = False
        #: How many keys the terminal's input thread may still send (it drops the rest).
        self.key_budget = KeyBudget()
        self._told_dropped_keys = False
        self._restored = self._restore_place(loaded)
        self._use_theme(theme, saved_theme)
        #: The reader's keys (binding id -> keys) from their keymap file, as applied.
        self.reader_keymap: dict[str, str] = {}
        #: What was wrong with the reader's keys file (`FILE:LINE:COL: warning: ...`): help
        #: lists them in full, since a notice on a phone is one line.
        self.key_file_problems: list[str] = []
        #: Start-up notices not yet shown (`_tell`); None once they are.
        self._untold: list[str] | None = None
        #: The reader's session: every screen reads and changes it; saving reads it.
        self.session = (Session.restored(self._restored) if self._restored is not None
                        else Session(FlowState.start(self.guide.flow)))
        self.session.observe(self.save_place_soon)

    def get_driver_class(self) -> type[Driver]:
        """The driver for the reader's terminal (hosted and ASCII-only safety included), writing
        each frame with only the style changes it needs."""
        import sys

        from .terminal import browser_driver_class, driver_class_for, locale_is_utf8, speaks_utf8

        if self.options.browser:
            return _with_paced_output(browser_driver_class())  # not a Linux terminal: in step

        # Textual writes to the original stderr: ASCII only unless both it and the locale are
        # UTF-8 (PYTHONIOENCODING=ascii would otherwise show boxes as `\u2503`).
        ascii_only = not (locale_is_utf8() and speaks_utf8(sys.__stderr__))
        base = driver_class_for(hosted=self.options.hosted, ascii_only=ascii_only)
        return _with_paced_output(base or super().get_driver_class())

    def _print_error_renderables(self) -> None:
        """Any unexpected error (one in the app, or one Textual reports with `panic`, as from
        its input thread): one short sentence for the reader, the details to the error log
        (see `crash`), and a non-zero exit status. Runs after the terminal is restored."""
        if not self._exit_renderables:
            return
        from .crash import report_unexpected_error

        details = "\n".join(_plain_text(renderable) for renderable in self._exit_renderables)
        self._exit_renderables.clear()
        if not self._return_code:
            self._return_code = 1
        report_unexpected_error(details, hosted=self.options.hosted)

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        """Every notification is plain text: paths and guide text in them may hold `[`, `]`
        (a save directory named `/tmp/x[/]`), which as Rich markup would crash the app. On a
        small screen a notice is one line (app.tcss), its title before its words."""
        if self.has_class("-small") and kwargs.get("title"):  # one line: no title line
            title = kwargs.pop("title")
            if not message.startswith(title):  # not "Saved: Saved …", the title twice
                message = _("{title}: {message}").format(title=title, message=message)
        super().notify(message, markup=False, **kwargs)

    def get_key_display(self, binding: Binding) -> str:
        """Keys as a reader would name them: "Enter", "Ctrl+Q", "PgDn"."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        name = KEY_NAMES.get(key, key if len(key) == 1 else key.replace("_", " ").title())
        if modifiers and len(name) == 1:
            name = name.upper()  # "Ctrl+G", as keyboards and keys.md name it
        return "+".join([*(m.title() for m in modifiers), name])

    def get_default_screen(self) -> BrowseScreen:
        restored = self._restored
        start_topic = self.options.start_topic or (restored.topic if restored else None)
        return BrowseScreen(self.guide, self.session, start_topic=start_topic)

    @property
    def browse(self) -> BrowseScreen:
        """The browse screen, at the bottom of the screen stack."""
        screen = self.screen_stack[0]
        assert isinstance(screen, BrowseScreen)
        return screen

    @property
    def search_index(self) -> SearchIndex:
        """The search index, built when first needed."""
        if self._search_index is None:
            from .search import SearchIndex

            self._search_index = SearchIndex(self.guide)
        return self._search_index

    @property
    def watches_guide(self) -> bool:
        """True with `--watch` on a guide file (never in hosted mode): reload it when saved."""
        return bool(self.options.watch and not self.options.hosted and self.options.guide_path)

    def open_topic(self, topic_id: str) -> None:
        """Show a topic on the browse screen (the caller decides which screens to leave)."""
        self.browse.open_topic(topic_id)

    def on_mount(self) -> None:
        notices = list(self._restored.notices) if self._restored else []
        self.key_file_problems = self._use_reader_keys()
        if self.options.answers:
            state, problems = FlowState.start(self.guide.flow).with_answer_tokens(
                self.options.answers
            )
            self.session.flow = state
            for problem in problems:
                self.notify(problem, severity="warning", timeout=10)
            self.action_ask()
        elif self._resumes_in_the_flow():
            self.action_ask()  # the question or outcome the reader left at
        if notices or self.key_file_problems:
            # After the first frame: a toast is a few more widgets and their styles to set up.
            # A key typed before that frame tells them first (`on_event`): the screen it opens
            # would otherwise cover the one that waits for its frame to tell them.
            self._untold = notices
            self.call_after_refresh(self._tell)
        self._check_size(self.size.width, self.size.height)
        if self.watches_guide:
            self._start_watching(self.options.guide_path)

    def _use_reader_keys(self) -> list[str]:
        """Apply the reader's keymap file, if any (`keymap`); what was wrong with it, as
        notices (each entry that cannot be used keeps its default key)."""
        path = self.options.keys_path
        if not path:
            return []
        from .keymap import load_keymap

        loaded = load_keymap(path)
        self.reader_keymap = loaded.keymap
        if loaded.keymap:
            self.set_keymap(loaded.keymap)
        return [problem.render(path) for problem in loaded.problems]

    def _tell(self) -> None:
        """Show the start-up notices, once."""
        notices, self._untold = self._untold, None
        if notices is None:
            return
        for notice in notices:
            self.notify(notice, timeout=8)
        self._tell_key_file_problems()

    def _tell_key_file_problems(self) -> None:
        """Each problem of the keys file as a notice where it fits; on a small screen, where a
        notice is one line and would be cut, one line saying where to read them (help)."""
        problems = self.key_file_problems
        if not problems:
            return
        if self.has_class("-small"):
            from .keymap import with_reader_keys

            self.notify(with_reader_keys(self, _("Keys file problems: see {app.help} Help")),
                        severity="warning", timeout=8)
            return
        for problem in problems:
            self.notify(problem, timeout=8)

    def exit(self, *args, **kwargs) -> None:
        """Save the reader's place, then end."""
        self.save_place_now()
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        self.save_place_now()

    # The reader's flow answers

    @property
    def flow_state(self) -> FlowState:
        """The answers so far (`session.flow`)."""
        return self.session.flow

    @flow_state.setter
    def flow_state(self, state: FlowState) -> None:
        self.session.flow = state

    # Resume

    def _restore_place(self, loaded: LoadedState | None) -> Restored | None:
        """The reader's place from last time, unless started fresh or resume is off."""
        if self.options.fresh or loaded is None:
            return None
        return restore(self.guide, loaded)

    def _use_theme(self, theme: str, saved: str) -> None:
        """Register leakguide's themes and start in `theme` (see `themes.theme_for`).

        Set before the stylesheet is read, without the theme watcher, whose restyling of the
        whole app would cost the first frame about a sixth more work."""
        from .themes import THEME_NAMES, textual_themes

        #: The theme the reader chose (kept in their state), whatever NO_COLOR says today.
        self.theme_choice = self.options.theme or (saved if saved in THEME_NAMES else "")
        for textual_theme in textual_themes():
            self.register_theme(textual_theme)
        self.set_reactive(App.theme, theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def _resumes_in_the_flow(self) -> bool:
        """True when the reader left at a question or the outcome (and asked for no topic)."""
        restored = self._restored
        if restored is None or self.options.start_topic:
            return False
        if restored.screen == SCREEN_OUTCOME:
            return restored.flow_state.at_outcome
        return restored.screen == SCREEN_QUESTIONS

    def save_place_soon(self) -> None:
        """Save after a short quiet spell (a burst of changes makes one write)."""
        if self.state_dir is None or not self.is_running:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_place_now)

    def save_place_now(self) -> None:
        """Write the reader's place now. A failure is told once and never raised."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.state_dir is None:
            return
        try:
            save_state(self.state_dir, self.session.to_state(self.guide, self.theme_choice))
        except OSError as exc:
            if not self._told_save_failure:
                self._told_save_failure = True
                reason = exc.strerror or type(exc).__name__
                self.notify(_("Could not save your place in {folder}: {reason}. Everything "
                              "else works.").format(folder=printable(str(self.state_dir)),
                                                    reason=reason),
                            severity="warning", timeout=8)
            return

    async def on_event(self, event: events.Event) -> None:
        """Input first passes here. Dropped once the screens are gone (the app is closing) or
        when it lands on a widget just removed (see `textual_private`); each key is offered to
        the current screen before Textual delivers it (`ActsOnceDrawn.take_key`), so keys
        typed ahead act in the order typed, after the start-up notices (`_tell`)."""
        if isinstance(event, (events.Key, events.MouseEvent)) and not self.screen_stack:
            return  # nothing left to deliver it to
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._tell()
            self._tell_dropped_keys()
            screen = self.screen
            if isinstance(screen, ActsOnceDrawn) and screen.take_key(event):
                return
        if isinstance(event, events.MouseEvent):
            from .textual_private import hits_removed_widget

            if hits_removed_widget(self.screen, event):
                return
        await super().on_event(event)

    def _tell_dropped_keys(self) -> None:
        """Say once that keys were dropped (`KeyBudget`): the reader pasted a lot of text as
        typing, or something sent keys far faster than anyone types."""
        if self.key_budget.dropped and not self._told_dropped_keys:
            self._told_dropped_keys = True
            self.notify(_("Too many keys came at once (a long paste?): some were left out."),
                        severity="warning", timeout=6)

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        # A phone-sized screen: notices take rows of their own instead of covering (app.tcss).
        self.set_class(width < SMALL_WIDTH or height < SMALL_HEIGHT, "-small")
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small and showing:
            self.pop_screen()

    async def action_quit(self) -> None:
        self.exit(0)

    def action_help(self) -> None:
        """Show every key of the current screen (or close the help if it is open)."""
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        elif not isinstance(self.screen, TooSmallScreen):
            self.push_screen(HelpScreen(self.screen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`t` is neither offered nor listed in help where NO_COLOR keeps the colours off."""
        if action == "next_theme":
            return "NO_COLOR" not in os.environ
        return True

    def action_next_theme(self) -> None:
        """Change to the next theme (default, terminal, high-contrast, mono, and round again),
        say which, and remember it where the reader's place is kept (never on a shared
        account: there `state_dir` is None and nothing is saved)."""
        from .themes import ANSI_THEMES, next_theme

        theme = next_theme(self.theme)
        self.theme = theme
        # The reader's own palette is sent as it is. Set after the theme: Textual 6's theme
        # watcher turns `ansi_color` off for any theme but its own ANSI one.
        self.ansi_color = theme in ANSI_THEMES
        self.theme_choice = theme
        self.save_place_soon()
        self.notify(_("Theme: {name}").format(name=theme), timeout=3)

    def action_ask(self) -> None:
        """Start or resume the questions: the current question, or the outcome if reached."""
        from .screens.flow import FlowScreen
        from .screens.outcome import OutcomeScreen

        if isinstance(self.screen, (FlowScreen, OutcomeScreen, TooSmallScreen)):
            return
        while len(self.screen_stack) > 1:  # from help or search: go to the flow, not over them
            self.pop_screen()
        self.session.outcome_return = None
        self.push_screen(self._flow_screen())

    def switch_flow_screen(self, *, your_answers: bool = False) -> None:
        """Replace the question or outcome on top with the one the answers now lead to (the
        two screens do not import each other: the app routes between them)."""
        self.switch_screen(self._flow_screen(your_answers=your_answers))

    def _flow_screen(self, *, your_answers: bool = False) -> Screen[None]:
        """The outcome once the answers reach one, else the question they are at."""
        from .screens.flow import FlowScreen
        from .screens.outcome import OutcomeScreen

        if self.session.flow.at_outcome:
            return OutcomeScreen()
        return FlowScreen(show_your_answers=your_answers)

    def open_topic_from_flow(self, topic_id: str) -> None:
        """Open a topic recommended by the outcome; `b` in the guide comes back to the outcome."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.browse.open_topic(topic_id)
        self.session.outcome_return = self.session.history.index
        self.session.screen = SCREEN_GUIDE

    def returns_to_outcome(self) -> bool:
        """Whether `b` in the guide goes to the outcome: from a topic the outcome opened (or
        one the reader went back to from there)."""
        index = self.session.outcome_return
        return (index is not None and self.session.flow.at_outcome
                and self.session.history.index <= index)

    # Live reload (`--watch`)

    def _start_watching(self, path: str) -> None:
        from .guide_watch import POLL_SECONDS, GuideWatcher

        self._guide_watcher = GuideWatcher(path)
        self._watch_lock = asyncio.Lock()
        self.set_interval(POLL_SECONDS, self.poll_guide)

    async def poll_guide(self) -> None:
        """Look at the guide file; when it changed, load it off the UI thread and show it."""
        from .guide_watch import Poll, Verdict

        watcher = self._guide_watcher
        if watcher is None:  # not watching (no --watch, or hosted)
            return
        async with self._watch_lock:
            found = watcher.poll()
            if found is Poll.MISSING:
                self.notify(_("{path} is missing; still showing the last version until it is "
                              "back.").format(path=printable(watcher.path)),
                            severity="warning", timeout=6,
                            markup=False)
            if found is not Poll.CHANGED:
                return
            settled = watcher.settle(await asyncio.to_thread(watcher.read))
            if settled.verdict is Verdict.BROKEN:
                self.broken_guide = settled
            elif settled.verdict is Verdict.RELOAD and settled.guide is not None:
                self.broken_guide = None
                self.reload_guide(settled.guide, settled.warning_count)

    def reload_guide(self, guide: Guide, warnings: int = 0) -> None:
        """Show a changed guide on every screen, keeping the reader's place where it still is."""
        old_flow = self.guide.flow
        if language() != "en":
            from .content.translations import localized

            guide = localized(guide, language())
        self.guide = guide
        self.title = guide.info.title
        self._search_index = None
        self.session.flow = self.session.flow.rebase(guide.flow)
        notices: list[str] = []
        for screen in list(self.screen_stack):  # the guide first, then the screens over it
            if isinstance(screen, ActsOnceDrawn) and screen in self.screen_stack:
                notices += screen.reload_guide()
        dropped = [old_flow.questions[step.question].text for step in self.session.flow.dropped
                   if step.question in old_flow.questions]
        if dropped:
            listed = "; ".join(f"“{safe_text(text, one_line=True)}”" for text in dropped)
            notices.append(_("Your answers to {questions} no longer fit the guide and were "
                             "removed.").format(questions=listed))
        if warnings:
            notices.append(_("It has 1 warning: run leakguide check.") if warnings == 1 else
                           _("It has {count} warnings: run leakguide check.").format(
                               count=warnings))
        self.notify(" ".join(notices) or _("Your place is kept."), title=_("Guide reloaded"),
                    timeout=6, markup=False)


def _bundled_guide() -> Guide:
    path = bundled_guide_path()
    result = load_guide(path, translation_checks=False, read_in=language())
    if result.guide is None:
        messages = "; ".join(problem.render(path) for problem in result.errors[:3])
        raise GuideUnavailable(f"the bundled guide has errors: {messages}")
    if language() == "en":
        return result.guide
    from .content.translations import localized

    return localized(result.guide, language())


def _plain_text(renderable) -> str:
    """The text of one of Textual's exit renderables (usually pre-rendered Segments)."""
    segments = getattr(renderable, "segments", None)
    if segments is not None:
        return "".join(segment.text for segment in segments)
    return str(renderable)


def _is_linux_driver(driver: object) -> bool:
    """True for Textual's full-screen Linux driver (and ours, based on it)."""
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # not on this platform
        return False
    return isinstance(driver, LinuxDriver)


def _with_paced_output(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class`, sending the terminal only the cells that change, and only the latest
    picture when the terminal is behind (`output.PacedOutput`)."""
    import contextlib

    from .output import PacedOutput, write_all

    class PacedOutputDriver(driver_class):  # type: ignore[valid-type,misc]
        _paced: PacedOutput | None = None
        _stopping = False
        #: Where Textual writes (its Linux driver: `sys.__stderr__`), in application mode.
        _output_fd: int | None = None

        def write(self, data: str) -> None:
            fd = self._output_fd
            if fd is None:  # not in application mode (or not a Linux terminal): in step
                compactor = self.__dict__.setdefault("_sgr_compactor", SgrCompactor())
                super().write(compactor.compact(data))
                return
            if self._stopping:  # leaving the terminal as it was: straight out, no query
                self._sender(fd)(data)
                return
            if self._paced is None:
                self._paced = PacedOutput(self._sender(fd))
            size = None
            with contextlib.suppress(OSError):
                size = tuple(os.get_terminal_size(fd))
            self._paced.write(data, size)  # type: ignore[arg-type]

        def _sender(self, fd: int):
            ascii_only = getattr(self, "sends_ascii_only", False)

            def send(text: str) -> None:
                if ascii_only:
                    from .terminal import to_ascii

                    write_all(fd, to_ascii(text).encode("ascii", "replace"))
                else:
                    write_all(fd, text.encode("utf-8", "replace"))

            return send

        def process_message(self, message) -> None:
            """The terminal's answer to the output's cursor-position query is not the app's."""
            from textual import events

            if isinstance(message, events.CursorPosition):
                if self._paced is not None:
                    self._paced.answered()
                return
            super().process_message(message)

        def _send_the_rest(self) -> bool:
            """Send everything written so far, now, and stop the output thread. True if the
            terminal's answer to the last query may still come."""
            paced, self._paced = self._paced, None
            return paced.close(answer_wait=0.5) if paced is not None else False

        def start_application_mode(self) -> None:
            import sys

            self._stopping = False
            if _is_linux_driver(self):  # it writes to sys.__stderr__ (a web driver does not)
                with contextlib.suppress(AttributeError, OSError, ValueError):
                    self._output_fd = sys.__stderr__.fileno()  # type: ignore[union-attr]
            super().start_application_mode()

        def stop_application_mode(self) -> None:
            """Leave the terminal as it was (the app ends, or is suspended): everything the
            app drew first, then Textual's own restoring sequences, straight out."""
            answer_awaited = self._send_the_rest()
            self._stopping = True  # until application mode starts again
            super().stop_application_mode()
            fd = getattr(self, "fileno", None)  # Textual's Linux driver reads this one
            if answer_awaited and isinstance(fd, int):  # not for the reader's shell to read
                import termios

                with contextlib.suppress(OSError, termios.error):
                    termios.tcflush(fd, termios.TCIFLUSH)

        def close(self) -> None:
            self._send_the_rest()
            super().close()

    return PacedOutputDriver
