"""The browse screen: the topic tree on the left, the chosen topic on the right."""

from __future__ import annotations

from functools import partial
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..content.links import markdown_parser, markdown_parser_loaded
from ..content.model import Guide
from ..content.unsafe import safe_text
from ..i18n import N_, _
from ..state import AT_THE_TOP, SearchReturn, TopicScroll
from ..widgets.full_title import FullTitle
from ..widgets.guide_errors import guide_errors_when_watching
from ..widgets.key_bar import KeyBar
from ..widgets.related_list import RelatedList
from ..widgets.title_bar import TitleBar
from ..widgets.topic_tree import FLOW, SECTION, TOPIC, Entry, TopicTree
from ..widgets.topic_view import TopicView
from .drawn import ActsOnceDrawn

if TYPE_CHECKING:
    from textual import getters

    from ..app import LeakGuideApp
    from ..history import History
    from ..state import Session
    from .search import SearchEnd

#: Below this many columns the screen shows one pane at a time.
NARROW_WIDTH = 60
#: Where `b` goes (`BrowseScreen._back_goes_to`).
BACK_TO_RESULTS, BACK_TO_OUTCOME, BACK_TO_LIST, BACK_TO_TOPIC = (
    "results", "outcome", "list", "topic")
#: Below this many rows the Related box shrinks to one line (it grows back while focused).
SHORT_HEIGHT = 16
#: The topic tree's share of a wide screen at most, and its least width, in columns: within
#: these it is as wide as its longest title needs.
TREE_SHARE = 0.4
TREE_MIN_WIDTH = 24
#: What the tree's box adds to its lines: two borders and a scrollbar.
TREE_FRAME = 3
#: A cursor move this soon after the last one is part of a burst (a held key, fast taps): the
#: content pane waits until the keys stop. Measured from when the app handled the last move,
#: which a loaded machine or a slow terminal can delay well past the keys' own 33 ms or so.
BURST_SECONDS = 0.2
#: The keys have stopped when none has moved the cursor for this long and none is waiting to
#: be handled; then the content pane follows the cursor.
SETTLE_SECONDS = 0.06


class BrowseScreen(ActsOnceDrawn, Screen[None], inherit_bindings=False):
    """Read the guide: move in the tree, read a topic, follow links, go back and forward."""

    if TYPE_CHECKING:  # `self.app` is this app, for the type checker (as Textual types it)
        app = getters.app(LeakGuideApp)

    HELP_AREA = "Reading"
    #: No focus on composing: `on_mount` focuses the tree or, on a resumed topic, the text. Each
    #: change of focus restyles the widget, so a first focus on the tree would be paid for twice.
    AUTO_FOCUS = ""
    #: Keys by binding id, as the reader has them (`keymap.with_reader_keys`).
    HELP_HINT = (
        "Move in the list with {tree.up} {tree.down}; the topic shows on the right. "
        "{tree.open} opens it, {browse.next-area} moves to the text and to Related links, "
        "{browse.back} goes back, {browse.search} searches."
    )
    #: The hint in the narrow layout, where the list and the topic take turns on the screen.
    HELP_HINT_NARROW = N_(
        "Move in the list with {tree.up} {tree.down}; {tree.open} or {browse.next-area} shows "
        "the topic, and {browse.next-area} again moves to Related links. {browse.back} goes "
        "back, {browse.search} searches."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs before the keys typed after it are delivered, so none are lost.
        Binding("slash", "search", "Search", priority=True, id="browse.search"),
        Binding("b,backspace", "back", "Back", id="browse.back"),
        Binding("f", "forward", "Forward", id="browse.forward"),
        Binding("tab", "next_area", "Next area", show=False, id="browse.next-area"),
        Binding("shift+tab", "previous_area", "Previous area", show=False,
                id="browse.previous-area"),
    ]

    def __init__(self, guide: Guide, session: Session, *, start_topic: str | None = None
                 ) -> None:
        super().__init__()
        self.guide = guide
        #: The reader's session (the app's): the topic shown and the history live there.
        self.session = session
        self._start_topic = start_topic
        self._shown: Entry | None = None
        self._settle_timer: Timer | None = None
        self._last_move = 0.0
        self._cursor_entry: Entry | None = None
        #: What the key bar showed of the keys that change (`_key_words`, and whether `b`
        #: and `f` go anywhere) when it was drawn.
        self._changing_keys: tuple[str, str, bool, bool] = ("", "", True, True)
        #: History position when the narrow layout switched to the topic; `b` past it: the tree.
        self._reading_from = -1
        # The parts this screen changes, made with it: a handler that runs after they were
        # removed (a key or a timer arriving as the app closes) changes detached widgets
        # instead of failing to find them.
        self._title_bar = TitleBar()
        self._title_bar.show(guide.info.title)
        self._tree_column = Vertical(id="tree-column")
        self.topic_tree = TopicTree(guide, id="tree", on_choose=self._choose)
        self._full_title = FullTitle(id="full-title")
        self.view = TopicView(guide, id="topic")
        self.related = RelatedList(guide, id="related")

    def compose(self) -> ComposeResult:
        yield self._title_bar
        with Horizontal(id="panes"):
            with self._tree_column:
                yield self.topic_tree
                yield self._full_title
            with Vertical(id="reader"):
                yield self.view
                yield self.related
        yield from guide_errors_when_watching(self.app)
        yield KeyBar(describe=self._key_words, keep=self._keys_kept, short=self._short_words)

    @property
    def history(self) -> History:
        """The topics the reader opened (the session's)."""
        return self.session.history

    def help_hint(self) -> str:
        """Help's first lines for this layout (untranslated; `HelpScreen` translates them)."""
        return self.HELP_HINT_NARROW if self.narrow else self.HELP_HINT

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    @property
    def reading(self) -> bool:
        """True when the narrow layout shows the topic instead of the tree."""
        return self.has_class("-reading")

    def on_mount(self) -> None:
        self.watch(self.topic_tree, "cursor_line", self._cursor_moved, init=False)
        self.watch(self.view, "scroll_y", self._text_scrolled, init=False)
        self.topic_tree.border_title = _("Topics")
        self.view.border_title = _("Topic")
        self._apply_size(self.app.size.width, self.app.size.height)
        start = self._start_topic
        if not markdown_parser_loaded():
            self.view.bodies_waiting = self.related.bodies_waiting = True
            self.call_after_refresh(self._load_markdown)
        if start and start in self.guide.topics:
            scroll = self.session.scroll if self.session.topic == start else AT_THE_TOP
            self.open_topic(start)
            if scroll.line:  # a restored place: as far down the text as the reader was
                self.view.scroll_when_drawn(scroll)
        else:
            self.topic_tree.move_cursor_to_line(0)
            self._show(Entry(FLOW, ""))
            self.set_focus(self.topic_tree)
            if start:
                self.notify(_("There is no topic “{id}”; showing the start.").format(
                    id=safe_text(start, one_line=True)), severity="warning")

    def _load_markdown(self) -> None:
        """Load the Markdown parser once the first frame is on screen, then draw the bodies."""
        markdown_parser()
        self.view.bodies_ready()
        self.related.bodies_ready()

    def on_resize(self) -> None:
        self._apply_size(self.size.width, self.size.height)
        self._refresh_key_words()  # `b` goes to the list only in the narrow layout

    def _apply_size(self, width: int, height: int) -> None:
        self.set_class(height < SHORT_HEIGHT, "-short")
        was_narrow = self.narrow
        self.set_class(width < NARROW_WIDTH, "-narrow")
        if was_narrow and not self.narrow:
            self.remove_class("-reading")
        elif self.narrow and not was_narrow and self.focused in (self.view, self.related):
            self._reading_from = self.history.index  # narrowed while reading: keep the topic
            self.add_class("-reading")
        column = self._tree_column
        if self.narrow:  # the whole width (app.tcss)
            column.styles.width = None
            self._full_title.keep_lines(None)
        else:
            needed = self.topic_tree.widest_line() + TREE_FRAME
            tree_width = max(TREE_MIN_WIDTH, min(needed, int(width * TREE_SHARE)))
            column.styles.width = tree_width
            cut = self.topic_tree.cut_titles(tree_width - TREE_FRAME)
            self._full_title.keep_lines(
                self._full_title.lines_for(cut, tree_width))
        self.call_after_refresh(self._show_full_title)

    def _show_full_title(self) -> None:
        """Under the tree, the highlighted title in full (`FullTitle` says when)."""
        node = self.topic_tree.cursor_node
        label = node.label if node is not None else None
        self._full_title.show_title(label.plain if isinstance(label, Text) else label,
                                    cut=self.topic_tree.title_is_cut(node))

    # Following the tree

    def _key_words(self, binding: Binding) -> str:
        """A key's words in the key bar: on a section Enter folds or unfolds it; `b` says
        where it goes when that is not the topic before."""
        if binding.id == "tree.open":
            return self._enter_words() or binding.description
        if binding.id == "browse.back":
            return self._back_words(self._back_goes_to()) or binding.description
        return binding.description

    def _short_words(self, binding: Binding) -> str | None:
        """A key's words in one word (`KeyBar`'s `short`), where it has them."""
        if binding.id == "browse.back":
            return self._back_words(self._back_goes_to(), short=True) or None
        return N_("Open") if binding.id == "related.follow" else None

    def _keys_kept(self) -> tuple[str, ...]:
        """On a phone, a topic's bar keeps `b` (in the list, searching matters more)."""
        return ("browse.back",) if self.reading else ()

    def _enter_words(self) -> str:
        """Enter's words on a section (untranslated), else ""."""
        folds = self._enter_folds()
        if folds is None:
            return ""
        return N_("Hide") if folds else N_("Show")

    def _back_goes_to(self) -> str:
        """Where `b` goes now (`action_back`): BACK_TO_RESULTS, BACK_TO_OUTCOME, BACK_TO_LIST
        (in the narrow layout, from the first topic read), BACK_TO_TOPIC (the one before), or
        "" (nowhere)."""
        if self.session.search_to_return_to() is not None:
            return BACK_TO_RESULTS
        if self.app.returns_to_outcome():
            return BACK_TO_OUTCOME
        if self.narrow and self.reading and self.history.index <= self._reading_from:
            return BACK_TO_LIST
        return BACK_TO_TOPIC if self.history.can_go_back else ""

    @staticmethod
    def _back_words(goes_to: str, short: bool = False) -> str:
        """`b`'s words (untranslated) when it does not go to the topic before, else ""; with
        `short`, one word."""
        if goes_to == BACK_TO_RESULTS:
            return N_("Results") if short else N_("Back to the results")
        if goes_to == BACK_TO_OUTCOME:
            return N_("Outcome") if short else N_("Back to the outcome")
        if goes_to == BACK_TO_LIST:
            return N_("List") if short else N_("Back to the list")
        return ""

    def _enter_folds(self) -> bool | None:
        """On a section: whether Enter folds it (True) or unfolds it (False); else None."""
        node = self.topic_tree.cursor_node
        entry = node.data if node is not None else None
        if node is None or entry is None or entry.kind != SECTION:
            return None
        return node.is_expanded

    @on(Tree.NodeExpanded, "#tree")
    @on(Tree.NodeCollapsed, "#tree")
    def _refresh_key_words(self) -> None:
        """Redraw the key bar when a key's words change (`_key_words`) or `b` or `f` comes to
        go somewhere or nowhere (`check_action`), and only then: the cursor moves with every
        key."""
        goes_to = self._back_goes_to()
        keys = (self._enter_words(), self._back_words(goes_to), bool(goes_to),
                self.history.can_go_forward)
        if keys != self._changing_keys:
            self._changing_keys = keys
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`b` and `f` are shown dimmed, and do nothing, when there is nowhere to go (the bar
        offered "b Back" on the first topic read, which only said "Nothing to go back to")."""
        if action == "back" and not self._back_goes_to():
            return None
        if action == "forward" and not self.history.can_go_forward:
            return None
        return super().check_action(action, parameters)

    def _cursor_moved(self) -> None:
        """Follow the tree cursor. Called as the cursor moves (a watcher, not the NodeHighlighted
        message), so the pane changes in the same frame as the cursor: one repaint per key.
        While keys keep coming (a held key), the pane and the full title under the tree wait
        for them to stop: only the cursor line moves."""
        self._refresh_key_words()
        node = self.topic_tree.cursor_node
        entry = node.data if node is not None else None
        if entry is None or entry == self._cursor_entry:
            if self._settle_timer is None:
                self._show_full_title()
            return
        self._cursor_entry = entry
        self._note_topic(entry)
        now = monotonic()
        in_burst = now - self._last_move < BURST_SECONDS or self._settle_timer is not None
        self._last_move = now
        if in_burst:
            if self._settle_timer is None:
                self._settle_timer = self.set_timer(SETTLE_SECONDS, self._when_keys_stop)
        else:
            self._show_full_title()
            self._show(entry)

    @property
    def pane_waits(self) -> bool:
        """True while the content pane waits for held keys to stop before following the
        tree cursor."""
        return self._settle_timer is not None

    def _keys_waiting(self) -> bool:
        """True while input is queued for the app or the tree (keys not handled yet)."""
        return self.app.message_queue_size > 0 or self.topic_tree.message_queue_size > 0

    def _when_keys_stop(self) -> None:
        """Show the cursor's entry once no key has moved it for `SETTLE_SECONDS` and none is
        waiting; until then, look again (the cursor line itself has moved all along)."""
        quiet = monotonic() - self._last_move
        if quiet < SETTLE_SECONDS or self._keys_waiting():
            self._settle_timer = self.set_timer(max(0.0, SETTLE_SECONDS - quiet) or
                                                SETTLE_SECONDS, self._when_keys_stop)
            return
        self._show_cursor_entry()

    def _text_scrolled(self) -> None:
        """Keep how far down the topic's text the reader is, for their saved place."""
        view = self.view
        if view.key == (TOPIC, self.session.topic) and not view.scroll_waiting:
            self.session.scroll = TopicScroll(round(view.scroll_y), view.line_count)

    def _note_topic(self, entry: Entry) -> None:
        """The session's topic: the one under the cursor (none on a section or the flow)."""
        self.session.topic = entry.id if entry.kind == TOPIC else None

    def _show_cursor_entry(self) -> None:
        self._settle_timer = None
        self._show_full_title()
        entry = self.topic_tree.current
        if entry is not None:
            self._show(entry)

    def _show(self, entry: Entry) -> None:
        """Show an entry in the content pane (not a visit: history is for opened topics)."""
        self._shown = entry
        self._note_topic(entry)
        if entry.kind == TOPIC:
            self.view.show_topic(entry.id)
            self.related.show_for(entry.id)
        elif entry.kind == SECTION:
            self.view.show_section(entry.id)
            self.related.show_for(None)
        else:
            self.view.show_flow_entry()
            self.related.show_for(None)


    @on(Tree.NodeSelected, "#tree")
    def _node_chosen(self, event: Tree.NodeSelected[Entry]) -> None:
        """A click on the tree (Enter calls `_choose` directly)."""
        self._choose(event.node)

    def _choose(self, node: TreeNode[Entry]) -> None:
        entry = node.data
        if entry is None:
            return
        if entry.kind == FLOW:
            self.app.action_ask()
        elif entry.kind == SECTION:
            node.toggle()
        else:
            self.open_topic(entry.id)

    # Opening topics

    def open_topic(self, topic_id: str, *, record: bool = True) -> None:
        """Show a topic, put the tree cursor on it and (in the narrow layout) switch to it."""
        if topic_id not in self.guide.topics:
            self.notify(_("There is no topic “{id}”.").format(
                id=safe_text(topic_id, one_line=True)),
                        severity="warning")
            return
        if record:
            shown = self._shown
            if shown is not None and shown.kind == TOPIC and self.history.current != shown.id:
                self.history.visit(shown.id)
            self.history.visit(topic_id)
            self.session.changed()
        if self._settle_timer is not None:
            self._settle_timer.stop()
            self._settle_timer = None
        entry = Entry(TOPIC, topic_id)
        self.topic_tree.move_to(entry)
        self._show(entry)
        if self.narrow:
            if not self.reading:
                self._reading_from = self.history.index
                self.add_class("-reading")
            self.set_focus(self.view)
        elif self.focused is self.topic_tree or self.focused is None:
            self.set_focus(self.view)
        self._refresh_key_words()

    @on(TopicView.LinkFollowed)
    def _link_clicked(self, event: TopicView.LinkFollowed) -> None:
        self.open_topic(event.topic_id)

    @on(RelatedList.Chosen)
    def _related_chosen(self, event: RelatedList.Chosen) -> None:
        self.open_topic(event.topic_id)
        self.set_focus(self.related)

    @on(TopicView.ListWanted)
    def _list_wanted(self) -> None:
        self.show_tree()

    def action_next_area(self) -> None:
        """The next area; in the narrow layout, from the list: the text of the entry under the
        cursor (the pane that is beside the list on a wide screen), as `b` comes back."""
        if self.narrow and not self.reading and self.focused is self.topic_tree:
            if self._settle_timer is not None:  # the cursor just moved: show where it is now
                self._settle_timer.stop()
                self._show_cursor_entry()
            self._reading_from = self.history.index
            self.add_class("-reading")
            self.set_focus(self.view)
            self._refresh_key_words()
        else:
            self.app.action_focus_next()

    def action_previous_area(self) -> None:
        """The previous area; in the narrow layout, from the text: back to the list."""
        if self.narrow and self.reading and self.focused is self.view:
            self.show_tree()
        else:
            self.app.action_focus_previous()

    def show_tree(self) -> None:
        """Focus the tree (and, in the narrow layout, show it instead of the topic)."""
        self.remove_class("-reading")
        self.set_focus(self.topic_tree)
        self._refresh_key_words()

    def on_screen_resume(self) -> None:
        """Back on the guide (from the questions, the outcome or search): `b` may go
        somewhere else now."""
        super().on_screen_resume()
        self._refresh_key_words()

    # A changed guide (`--watch`)

    def reload_guide(self) -> list[str]:
        """Show the changed guide, keeping the reader's place; returns notices for what moved."""
        old_guide, guide = self.guide, self.app.guide
        here = self.topic_tree.current or self._shown or Entry(FLOW, "")
        self.guide = guide
        self._title_bar.show(guide.info.title)
        self.history.keep_only(guide.topics)
        self.topic_tree.reload(guide)
        self._apply_size(self.size.width, self.size.height)  # its titles may be longer now
        self.view.reload(guide)
        self.related.reload(guide)
        place = _nearest_place(old_guide, guide, here)
        notices = []
        if place != here:
            if place.kind == TOPIC:  # `b` goes back from the fallback as from the topic it replaces
                self.history.visit(place.id)
            gone = _entry_title(old_guide, here)
            notices.append(_("“{gone}” is no longer in the guide; showing “{shown}”.").format(
                gone=gone, shown=_entry_title(guide, place)))
        if self._settle_timer is not None:
            self._settle_timer.stop()
            self._settle_timer = None
        self.topic_tree.move_to(place)
        self._show(place)
        self.session.changed()
        return notices

    # History

    def action_back(self) -> None:
        """Go back to the previous topic (in the narrow layout, to the tree when there is none)."""
        goes_to = self._back_goes_to()
        if goes_to == BACK_TO_RESULTS:
            self._search(self.session.search_to_return_to())
            return
        if goes_to == BACK_TO_OUTCOME:  # a topic the outcome opened
            self.app.action_ask()
            return
        if goes_to == BACK_TO_LIST:
            self.show_tree()
            return
        topic_id = self.history.back()
        if topic_id is None:
            self.notify(_("Nothing to go back to."), timeout=2)
            return
        self.open_topic(topic_id, record=False)

    def action_forward(self) -> None:
        """Go forward again after going back."""
        topic_id = self.history.forward()
        if topic_id is None:
            self.notify(_("Nothing to go forward to."), timeout=2)
            return
        self.open_topic(topic_id, record=False)

    # Search

    def action_search(self) -> None:
        self._search()

    def _search(self, back: SearchReturn | None = None) -> None:
        """Open search; with `back`, the results the reader opened a topic from, that topic
        highlighted."""
        from .search import SearchScreen

        if back is None:
            screen = SearchScreen(self.app.search_index)
            began_at = self.history.index
        else:
            screen = SearchScreen(self.app.search_index, back.query, back_to=back.topic)
            began_at = back.began_at
        self.app.push_screen(screen, partial(self._search_done, began_at))

    def _search_done(self, began_at: int, end: SearchEnd | None) -> None:
        """Open the topic chosen; or, for `b` on results the reader came back to, go back to
        where the search began (`began_at`, a place in the history; -1: the list)."""
        self.session.search_return = None
        if end is not None and end.topic:
            self.open_topic(end.topic)
            self.session.search_return = SearchReturn(end.topic, self.history.index, end.query,
                                                      began_at)
        elif end is not None and end.back:
            topic_id = self.history.go_to(began_at)
            if topic_id is None:
                self.show_tree()
            else:
                self.open_topic(topic_id, record=False)
            self.session.changed()
        self._refresh_key_words()


def _nearest_place(old: Guide, new: Guide, entry: Entry) -> Entry:
    """`entry` if the new guide still has it, else its nearest ancestor there, else the start."""
    if entry.kind == TOPIC:
        if entry.id in new.topics:
            return entry
        for ancestor in reversed(old.topic_path(entry.id)[:-1]):
            if ancestor.id in new.topics:
                return Entry(TOPIC, ancestor.id)
        topic = old.topics.get(entry.id)
        if topic is not None and topic.section in new.sections:
            return Entry(SECTION, topic.section)
    elif entry.kind == SECTION and entry.id in new.sections:
        return entry
    return Entry(FLOW, "")


def _entry_title(guide: Guide, entry: Entry) -> str:
    if entry.kind == TOPIC and entry.id in guide.topics:
        title = guide.topics[entry.id].title
    elif entry.kind == SECTION and entry.id in guide.sections:
        title = guide.sections[entry.id].title
    else:
        title = guide.flow.title
    return safe_text(title, one_line=True)
