"""The reader's session (`Session`: topic and how far down it, history, flow answers, the ways
back to the outcome and to search results, the screen), and its file, kept between runs
(resume). Plain data and files: no Textual.

The state file is `state.json` in the state directory. It holds ids and numbers only (the
current topic and how far down it, the history, the flow answers), never content text. It is
written atomically (a temp file in the same directory, fsync, then `os.replace`) with
owner-only permissions, and read defensively: a missing file is a first start; an unreadable,
corrupted or foreign-version file is ignored with a notice. Loading never raises.

Privacy in hosted mode: when one system account serves many readers (`AppOptions.hosted`),
`state_dir_for` returns None unless the hosting layer passed an explicit per-reader
`AppOptions.state_dir` (derived from something a reader cannot spoof). None means resume is
off: nothing is read or written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .content.files import NotARegularFile, open_regular, replace_atomically
from .content.model import Guide
from .flowstate import FlowState
from .history import History
from .i18n import N_, _
from .options import AppOptions, user_dir

STATE_VERSION = 1
STATE_FILE = "state.json"
ENV_STATE_DIR = "LEAKGUIDE_STATE_DIR"
#: A real state file is a few kilobytes; anything far bigger is not ours.
MAX_STATE_BYTES = 1024 * 1024

FRESH_HINT = N_("start clean with --fresh")


#: Which screen the reader was on (`ReaderState.screen`): the guide, a question, the outcome.
SCREEN_GUIDE = "guide"
SCREEN_QUESTIONS = "questions"
SCREEN_OUTCOME = "outcome"
SCREENS = (SCREEN_GUIDE, SCREEN_QUESTIONS, SCREEN_OUTCOME)


class TopicScroll(NamedTuple):
    """How far down a topic's text the reader is: the first line in view, of how many lines
    the text had (at the width it was drawn)."""

    line: int = 0
    of: int = 0

    def first_line(self, lines: int) -> int:
        """The line to show first when the text now has `lines` lines: the same line at the
        same width, else the same share of the text (the reader's screen changed width)."""
        if self.of <= 0 or lines <= 0:
            return 0
        if lines == self.of:
            return self.line
        return round(self.line * lines / self.of)


#: The top of a topic's text.
AT_THE_TOP = TopicScroll()


class ReaderState(NamedTuple):
    """Where the reader was: topic (and how far down its text), history (topic ids and
    position), flow answers as data, and the screen they were on."""

    topic: str | None = None
    history: tuple[str, ...] = ()
    history_index: int = -1
    flow: Mapping[str, Any] | None = None
    guide: str = ""
    screen: str = SCREEN_GUIDE
    #: The reader's theme (`--theme`), kept until they choose another; "" for the default.
    theme: str = ""
    scroll: TopicScroll = AT_THE_TOP

    def to_data(self) -> dict[str, Any]:
        """JSON-able data with the format version."""
        return {
            "version": STATE_VERSION,
            "guide": self.guide,
            "topic": self.topic,
            "history": {"entries": list(self.history), "index": self.history_index},
            "flow": dict(self.flow) if self.flow is not None else None,
            "screen": self.screen,
            "theme": self.theme,
            "scroll": {"line": self.scroll.line, "of": self.scroll.of},
        }

    @classmethod
    def from_data(cls, data: Any) -> ReaderState:
        """Parse `to_data()` output; raises `StateError` when it is not what we wrote."""
        if not isinstance(data, dict):
            raise StateError("it is not a saved state")
        version = data.get("version")
        if version != STATE_VERSION:
            raise StateError(f"it has format version {version!r}; this version reads "
                             f"{STATE_VERSION}")
        topic = data.get("topic")
        if topic is not None and not isinstance(topic, str):
            raise StateError("its topic is not an id")
        history = data.get("history", {})
        if not isinstance(history, dict):
            raise StateError("its history is not a table")
        entries = history.get("entries", [])
        index = history.get("index", len(entries) - 1 if isinstance(entries, list) else -1)
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise StateError("its history is not a list of ids")
        if type(index) is not int:
            raise StateError("its history position is not a number")
        flow = data.get("flow")
        if flow is not None and not isinstance(flow, dict):
            raise StateError("its flow answers are not a table")
        guide = data.get("guide", "")
        screen = data.get("screen", SCREEN_GUIDE)  # older files: the guide
        theme = data.get("theme", "")  # older files: the default
        return cls(
            topic=topic,
            history=tuple(entries),
            history_index=index,
            flow=flow,
            guide=guide if isinstance(guide, str) else "",
            screen=screen if screen in SCREENS else SCREEN_GUIDE,
            theme=theme if isinstance(theme, str) else "",
            scroll=_scroll_from(data.get("scroll")),
        )


def _scroll_from(data: Any) -> TopicScroll:
    """The saved scroll, or the top for an older file or one that does not make sense."""
    if not isinstance(data, dict):
        return AT_THE_TOP
    line, of = data.get("line"), data.get("of")
    if type(line) is not int or type(of) is not int or not 0 <= line < of:
        return AT_THE_TOP
    return TopicScroll(line, of)


class StateError(ValueError):
    """A state file that exists but cannot be used; the message says why."""


class LoadedState(NamedTuple):
    """What `load_state` found: a state (or None) and a notice for the reader (or None)."""

    state: ReaderState | None
    notice: str | None = None


def state_dir_for(options: AppOptions, environ: Mapping[str, str] | None = None) -> Path | None:
    """Where to keep the reader's state, or None when resume is off.

    Order: `options.state_dir`, then `$LEAKGUIDE_STATE_DIR`, then the platform's user state
    directory. In hosted mode only an explicit `options.state_dir` (a per-reader directory set by
    the hosting layer) turns resume on: the environment and the shared account's home are
    ignored, so one reader never sees another's answers.
    """
    if options.state_dir:
        return Path(options.state_dir)
    if options.hosted:
        return None
    env = os.environ if environ is None else environ
    if env.get(ENV_STATE_DIR):
        return Path(env[ENV_STATE_DIR])
    return user_dir("state")


def load_state(directory: Path | None) -> LoadedState:
    """Read the saved state. Never raises: problems become a notice and no state."""
    if directory is None:
        return LoadedState(None)
    path = Path(directory) / STATE_FILE
    try:
        with open_regular(path) as handle:
            raw = handle.read(MAX_STATE_BYTES + 1)
    except NotARegularFile as exc:
        return _ignored(path, _("it is {kind}").format(kind=exc.kind))
    except FileNotFoundError:
        return LoadedState(None)
    except (OSError, ValueError) as exc:
        return _ignored(path, _("it could not be read ({reason})").format(reason=_reason(exc)))
    if len(raw) > MAX_STATE_BYTES:
        return _ignored(path, _("it is too big to be ours"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _ignored(path, _("it is damaged (not valid JSON)"))
    try:
        return LoadedState(ReaderState.from_data(data))
    except StateError as exc:
        return _ignored(path, str(exc))


def save_state(directory: Path, state: ReaderState) -> Path:
    """Write the state atomically and return its path. Raises OSError when it cannot."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = directory / STATE_FILE
    text = json.dumps(state.to_data(), ensure_ascii=False, indent=1)
    replace_atomically(target, text.encode("utf-8"))
    return target


def _ignored(path: Path, why: str) -> LoadedState:
    from .content.unsafe import printable

    return LoadedState(None, _("Your saved place in {path} was ignored: {why}. Starting clean.")
                       .format(path=printable(str(path)), why=why))


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


class Restored(NamedTuple):
    """The reader's place checked against the guide as it is now, with notices to show."""

    topic: str | None
    history: tuple[str, ...]
    history_index: int
    flow_state: FlowState
    notices: tuple[str, ...]
    screen: str = SCREEN_GUIDE
    theme: str = ""
    scroll: TopicScroll = AT_THE_TOP

    @property
    def anything(self) -> bool:
        """True when there is a place to go back to."""
        return bool(self.topic or self.history or self.flow_state.answers)


def restore(guide: Guide, loaded: LoadedState) -> Restored:
    """Fit a loaded state to `guide`: unknown topics and answers that no longer fit are dropped.

    Never raises. The notices say what was restored, ignored or dropped.
    """
    fresh = FlowState.start(guide.flow)
    notices: list[str] = [loaded.notice] if loaded.notice else []
    saved = loaded.state
    if saved is None:
        return Restored(None, (), -1, fresh, tuple(notices))
    topic = saved.topic if saved.topic in guide.topics else None
    # Drop unknown topics from the history, keeping the position on the same entry if it stays.
    history: list[str] = []
    index = -1
    for position, entry in enumerate(saved.history):
        if entry in guide.topics:
            history.append(entry)
            if position <= saved.history_index:
                index = len(history) - 1
    if history and index < 0:
        index = 0
    flow_state = FlowState.from_data(guide.flow, saved.flow) if saved.flow else fresh
    lost_topics = (saved.topic is not None and topic is None) or len(history) < len(saved.history)
    restored = Restored(topic, tuple(history), index, flow_state, ())
    if restored.anything:
        notices.append(_("Restored your place from last time ({hint}).").format(hint=_(FRESH_HINT)))
    if flow_state.dropped:
        count = len(flow_state.dropped)
        notices.append(
            _("The guide has changed: 1 saved answer no longer fits and was dropped.")
            if count == 1 else
            _("The guide has changed: {count} saved answers no longer fit and were dropped.")
            .format(count=count))
    if lost_topics:
        notices.append(_("Some topics you had open are no longer in the guide."))
    return Restored(topic, tuple(history), index, flow_state, tuple(notices), saved.screen,
                    saved.theme, saved.scroll if topic is not None else AT_THE_TOP)


def snapshot(
    guide: Guide,
    topic: str | None,
    history: tuple[str, ...],
    history_index: int,
    flow_state: FlowState,
    screen: str = SCREEN_GUIDE,
    theme: str = "",
    scroll: TopicScroll = AT_THE_TOP,
) -> ReaderState:
    """The reader's place as a `ReaderState` ready to save."""
    return ReaderState(
        topic=topic,
        history=tuple(history),
        history_index=history_index,
        flow=flow_state.to_data() if flow_state.answers else None,
        guide=guide.path,
        screen=screen,
        theme=theme,
        scroll=scroll if topic is not None else AT_THE_TOP,
    )


class SearchReturn(NamedTuple):
    """A topic opened from search results: `b` on it shows those results again."""

    topic: str
    #: The topic's position in the history when it was opened.
    history_index: int
    #: The words the results were found for.
    query: str
    #: The history position where the search began (-1: before any topic): `b` on the
    #: results goes back there.
    began_at: int = -1


class Session:
    """The reader's session, in one object: the topic shown, the topics visited (`history`),
    the flow answers (`flow`), the way back to the outcome from a topic it recommended
    (`outcome_return`) and to the search results a topic was opened from (`search_return`),
    how far down the topic's text the reader is (`scroll`), the screen (guide, questions or
    outcome) and whether "why we ask" shows. The screens change it and read it; the app
    observes it (`observe`) to save the place, which it reads from here, never from
    widgets."""

    def __init__(self, flow: FlowState, *, topic: str | None = None,
                 history: History | None = None, screen: str = SCREEN_GUIDE,
                 scroll: TopicScroll = AT_THE_TOP) -> None:
        self._flow = flow
        self._topic = topic
        self._scroll = scroll
        self.history = history if history is not None else History()
        self._screen = screen
        #: History position of a topic opened from the outcome: `b` from there returns to it.
        self.outcome_return: int | None = None
        #: The results a topic was opened from (`search_to_return_to` says if it still applies).
        self.search_return: SearchReturn | None = None
        #: Show "why we ask" on flow questions (the reader toggles it with `w`).
        self.show_why = True
        self._observers: list[Callable[[], None]] = []

    @classmethod
    def restored(cls, restored: Restored) -> Session:
        """The session a `Restored` place describes."""
        history = History(restored.history, restored.history_index) if restored.history \
            else None
        return cls(restored.flow_state, topic=restored.topic, history=history,
                   screen=restored.screen, scroll=restored.scroll)

    def search_to_return_to(self) -> SearchReturn | None:
        """The search results `b` goes back to: only while the reader is still on the topic
        opened from them, at the same place in the history."""
        back = self.search_return
        if back is None or self.history.index != back.history_index \
                or self._topic != back.topic:
            return None
        return back

    def observe(self, callback: Callable[[], None]) -> None:
        """Call `callback` after every change of place."""
        self._observers.append(callback)

    def changed(self) -> None:
        """Tell the observers the place changed (the history changes in place: its owner
        calls this after a visit, back or forward)."""
        for callback in self._observers:
            callback()

    @property
    def flow(self) -> FlowState:
        """The answers so far; they live here so leaving the flow never loses them."""
        return self._flow

    @flow.setter
    def flow(self, state: FlowState) -> None:
        self._flow = state
        self.changed()

    @property
    def topic(self) -> str | None:
        """The topic shown in the guide (the history's current one if none is)."""
        return self._topic if self._topic is not None else self.history.current

    @topic.setter
    def topic(self, topic_id: str | None) -> None:
        if topic_id != self._topic:
            self._topic = topic_id
            self._scroll = AT_THE_TOP
            self.changed()

    @property
    def scroll(self) -> TopicScroll:
        """How far down the topic's text the reader is (the top for a new topic)."""
        return self._scroll

    @scroll.setter
    def scroll(self, scroll: TopicScroll) -> None:
        if scroll != self._scroll:
            self._scroll = scroll
            self.changed()

    @property
    def screen(self) -> str:
        """The screen the reader is on: SCREEN_GUIDE, SCREEN_QUESTIONS or SCREEN_OUTCOME."""
        return self._screen

    @screen.setter
    def screen(self, screen: str) -> None:
        if screen != self._screen:
            self._screen = screen
            self.changed()

    def to_state(self, guide: Guide, theme: str = "") -> ReaderState:
        """The session as a `ReaderState` ready to save (with the reader's chosen `theme`)."""
        return snapshot(guide, self.topic, self.history.entries, self.history.index,
                        self._flow, self._screen, theme, self._scroll)
