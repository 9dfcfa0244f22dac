"""Incremental search: type, see matching topics and where they matched, Enter opens one.
`b` on a topic opened from the results shows them again (`SearchScreen(back_to=…)`)."""

from __future__ import annotations

from time import monotonic
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..content.unsafe import safe_text
from ..i18n import _, colon
from ..keymap import with_reader_keys
from ..render.cells import cells
from ..search import MAX_QUERY_LENGTH, SearchIndex, SearchResult
from ..widgets.choice_list import ChoiceList
from .drawn import ActsOnceDrawn

#: Keys that move the highlight in the results, wherever the focus is.
#: The result moves: (binding id, default keys, step); a reader's keymap may change the keys.
MOVE_BINDINGS = (("search.up", ("up",), -1), ("search.down", ("down",), 1),
                 ("search.page-up", ("pageup",), -5), ("search.page-down", ("pagedown",), 5))
#: Editing keys of the search field, by the field action they run.
FIELD_EDITS = {"backspace": "action_delete_left", "delete": "action_delete_right",
               "left": "action_cursor_left", "right": "action_cursor_right",
               "home": "action_home", "end": "action_end"}
#: The keys that leave search. Ctrl+C and Ctrl+Q, which quit everywhere else, cancel here:
#: in a text field Ctrl+C means "cancel", and keys.md promises that quit does not apply while
#: typing in search (Escape may not exist on a phone's keyboard; `q` types a q).
CANCEL_KEYS = ("escape", "ctrl+g", "ctrl+c", "ctrl+q")
#: Backspace on an empty field leaves search too, as a reader expects.
BACK_KEYS = ("backspace",)
#: Seconds without Backspace after the field was emptied before Backspace leaves search: a
#: reader holding it down to clear the words stops at the empty field, and the key's repeats
#: do not go on to take them back a topic on the screen below. Longer than a keyboard's delay
#: before it repeats a held key (often 0.5 s, up to about 0.66 s).
HELD_KEY_GAP = 0.8
#: Option ids of "Did you mean" suggestions start with this (topic ids cannot hold a space).
SUGGESTION = "did you mean "

#: The dialog's widest, and help's (app.tcss `max-width`), and the cells its border title
#: cannot use.
MAX_DIALOG_WIDTH = 100
TITLE_MARGIN = 4
#: The cells of the dialog's width that its status line cannot use (borders and padding).
STATUS_MARGIN = 4


#: The keys that leave search from the results (as `b` goes back in the guide).
RESULTS_BACK_KEYS = ("b", "backspace")


class SearchEnd(NamedTuple):
    """How search ended: the topic chosen (None: none), the words it was found for, and
    whether the reader went back past the results they had come back to (`b` on them)."""

    topic: str | None
    query: str
    back: bool = False


class SearchField(Input):
    """The search field: text typed or pasted past `MAX_QUERY_LENGTH` characters is dropped
    (Textual's own `max_length` would refuse a long paste whole)."""

    def replace(self, text: str, start: int, end: int) -> None:
        room = MAX_QUERY_LENGTH - (len(self.value) - (end - start))
        super().replace(text[:max(room, 0)], start, end)


class SearchResults(ChoiceList):
    """Topics found; Enter opens the highlighted one."""

    HELP_AREA = "Results"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open the topic", id="results.open"),
        # Taken by `SearchScreen.act_on_key` as keys arrive; here for help and keymaps.
        Binding(",".join(RESULTS_BACK_KEYS), "screen.back_past_results", "Back", show=False,
                id="results.back"),
    ]


class SearchScreen(ActsOnceDrawn, Screen[SearchEnd], inherit_bindings=False):
    """Search titles, hidden keywords, summaries and text; dismisses with a `SearchEnd`.

    Not a modal screen, so F1 and Ctrl+Q work here; letters go to the search field first.
    Keys are taken the moment they arrive (see `take_key`), so a burst typed ahead over a slow
    link acts in the order typed.
    """

    HELP_AREA = "Search"
    #: Keys by binding id, as the reader has them (`keymap.with_reader_keys`).
    HELP_HINT = (
        "Type words to find topics (capitals, accents, word order and small typos do not "
        "matter). {search.up} {search.down} choose, {results.open} opens (or takes a \"Did you "
        "mean\" suggestion), {search.cancel:all} goes back."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(",".join(CANCEL_KEYS), "cancel", "Cancel", id="search.cancel"),
        Binding(",".join(BACK_KEYS), "back", "Back, from an empty field or from the results",
                show=False, id="search.back"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.up"),
        Binding("down", "move(1)", "Next result", show=False, id="search.down"),
        Binding("pageup", "move(-5)", "Page up", show=False, id="search.page-up"),
        Binding("pagedown", "move(5)", "Page down", show=False, id="search.page-down"),
        Binding("tab", "app.focus_next", "Next area", show=False, id="search.next-area"),
        Binding("shift+tab", "app.focus_previous", "Previous area", show=False,
                id="search.previous-area"),
    ]

    def __init__(self, index: SearchIndex, query: str = "", *, back_to: str | None = None
                 ) -> None:
        """`back_to`: the topic the reader opened from these results and came back from with
        `b`; the results then have the focus, with that topic highlighted, and `b` on them
        goes back past them."""
        super().__init__()
        self.index = index
        self.initial_query = query[:MAX_QUERY_LENGTH]
        self.back_to = back_to
        self.results: list[SearchResult] = []
        #: The query `results` were computed for (they lag the field while keys arrive).
        self._results_for: str | None = None
        self._dismissed = False
        #: When a key emptied the field, or last came while it was empty (`HELD_KEY_GAP`).
        self._emptied_at = float("-inf")
        # The parts this screen changes, made with it: a key arriving as the app closes
        # changes detached widgets instead of failing to find them.
        self._field = SearchField(self.initial_query, placeholder=_("Words to find…"),
                                  id="search-input", max_length=MAX_QUERY_LENGTH)
        self._field.cursor_blink = False  # steady: no repaint (and no bytes) twice a second
        self._status = Static(_("Type to search every topic."), id="search-status")
        #: The status line, long and short (`_show_status` shows the one that fits).
        self._status_lines = (_("Type to search every topic."),) * 2
        self.result_list = SearchResults(id="search-results")
        self._dialog = Vertical(id="search-dialog")

    def compose(self) -> ComposeResult:
        with self._dialog as dialog:
            dialog.border_title = self._title(self.app.size.width)
            yield self._field
            yield self._status
            yield self.result_list

    def _title(self, width: int) -> str:
        """The dialog's title, in the reader's keys: the long one where it fits, else one that
        still shows the way back (cut to "…Escape or C…" at 40 columns, Escape looked like the
        only way out)."""
        title = with_reader_keys(
            self, _("Search — {results.open} opens, {search.cancel:2} cancels"))
        if cells(title) + TITLE_MARGIN <= min(width, MAX_DIALOG_WIDTH):
            return title
        return with_reader_keys(self, _("Search — {search.cancel:2}: back"))

    def on_resize(self, event: events.Resize) -> None:
        self._dialog.border_title = self._title(event.size.width)
        self._show_status(event.size.width)

    def on_mount(self) -> None:
        if self.initial_query:
            self._update(self.initial_query)
        ids = [result.topic_id for result in self.results]
        if self.back_to in ids:
            self.result_list.highlighted = ids.index(self.back_to)
            self.result_list.focus()
        else:
            self._field.focus()
        self.keys_ready()  # keys typed before the field existed act now, in order

    @on(Input.Changed, "#search-input")
    def _typed(self) -> None:
        if not self._dismissed:
            self._refresh_results()

    def _refresh_results(self) -> None:
        """Compute the results for the text in the field now, unless they already are."""
        query = self._field.value
        if query != self._results_for:
            self._update(query)

    def _update(self, query: str) -> None:
        self._results_for = query
        self.results = self.index.search(query)
        results = self.result_list
        results.clear_options()
        results.add_options([
            Option(_describe(result), id=result.topic_id) for result in self.results
        ])
        suggestions = self.index.suggestions(query) if query.strip() and not self.results else []
        results.add_options([
            Option(Text.assemble((_("Did you mean: "), "dim"), safe_text(s, one_line=True)),
                   id=SUGGESTION + s) for s in suggestions
        ])
        if results.option_count:
            results.highlighted = 0
        self._status_lines = self._status_for(query, suggestions)
        self._show_status(self.app.size.width)

    def _status_for(self, query: str, suggestions: list[str]) -> tuple[str, str]:
        """The status line for `query`, and a shorter one for a narrow dialog."""
        if not query.strip():
            return (_("Type to search every topic."),) * 2
        if suggestions:
            words = _(" or ").join(suggestions)
            return (with_reader_keys(self, _(
                "No topic matches. Did you mean {words}? {search.up} {search.down} choose, "
                "{results.open} takes it")).format(words=words),
                with_reader_keys(self, _(
                    "Did you mean {words}? {results.open} takes it")).format(words=words))
        if not self.results:
            return (_("No topic matches. Try fewer or other words."),
                    _("No topic matches. Try other words."))
        count = len(self.results)
        found = _("1 topic found") if count == 1 else _("{count} topics found").format(
            count=f"{count}{'+' if count >= 50 else ''}")
        corrected = self.index.corrected_query(query)
        if corrected:  # a typo read as a word the guide has (乳线炎 -> 乳腺炎): say so
            found = _("Searched for “{corrected}”: {found}").format(
                corrected=safe_text(corrected, one_line=True), found=found)
        return (found + with_reader_keys(
                    self, _(" — {search.up} {search.down} choose, {results.open} opens")),
                found + with_reader_keys(self, _(" — {results.open} opens")))

    def _show_status(self, width: int) -> None:
        """The status line that fits the dialog (at 40 columns the long one lost "opens")."""
        full, short = self._status_lines
        room = min(width, MAX_DIALOG_WIDTH) - STATUS_MARGIN
        self._status.update(full if cells(full) <= room else short)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self._open_highlighted()

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._take(event.option.id)

    def _take(self, option_id: str) -> None:
        """Open the chosen topic, or search for the chosen "Did you mean" suggestion."""
        if option_id.startswith(SUGGESTION):
            field = self._field
            field.value = option_id[len(SUGGESTION):]
            field.cursor_position = len(field.value)
            field.focus()
            self._refresh_results()
        else:
            self._close(option_id)

    def _open_highlighted(self) -> None:
        self._refresh_results()
        results = self.result_list
        if results.highlighted is None or not results.option_count:
            self.notify(_("Nothing to open: type words that a topic contains."), timeout=3)
            return
        option = results.get_option_at_index(results.highlighted)
        if option.id:
            self._take(option.id)

    #: Textual delivers keys to widgets and runs their bindings a few hops later, so in a
    #: burst (`/dripping`, Enter, `q`) Enter would act on stale results and `q` would land in
    #: the field. Taken in order, Enter opens the result for the text before it, and the keys
    #: after it reach the screen that follows.
    TAKES_KEYS_IN_ORDER = True

    def take_key(self, event: events.Key) -> bool:
        if self._dismissed:  # a key typed ahead of a closed search: for the screen below
            return False
        return super().take_key(event)

    def _keys(self, binding_id: str, default: tuple[str, ...]) -> tuple[str, ...]:
        """The keys of a binding, the reader's keymap (`--keys`) applied."""
        mine = getattr(self.app, "reader_keymap", {}).get(binding_id)
        return tuple(mine.split(",")) if mine else default

    def act_on_key(self, event: events.Key) -> bool:
        key = event.key
        moves = {k: step for binding_id, default, step in MOVE_BINDINGS
                 for k in self._keys(binding_id, default)}
        if key in self._keys("results.open", ("enter",)):
            self._open_highlighted()
        elif key in self._keys("search.cancel", CANCEL_KEYS):
            self.action_cancel()
        elif key in self._keys("search.back", BACK_KEYS) and not self._field.value:
            self.action_back()
        elif key in self._keys("results.back", RESULTS_BACK_KEYS) \
                and self.focused is self.result_list:
            self.action_back_past_results()
        elif key in moves:
            self.action_move(moves[key])
        else:
            field = self._field
            if self.focused not in (None, field):
                return False
            if event.is_printable and event.character:
                field.focus()
                field.insert_text_at_cursor(event.character)
            elif key in FIELD_EDITS:
                had_words = bool(field.value)
                getattr(field, FIELD_EDITS[key])()
                if had_words and not field.value:
                    self._emptied_at = monotonic()
            else:
                return False
        return True

    def action_move(self, step: int) -> None:
        self._refresh_results()
        results = self.result_list
        if not results.option_count:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    def action_back_past_results(self) -> None:
        """`b` on the results: leave search; from results the reader came back to, further
        back, to where the search began."""
        self._close(None, back=self.back_to is not None)

    def action_cancel(self) -> None:
        self._close(None)

    def action_back(self) -> None:
        """Backspace: leave search when the field is empty (else it deletes, as usual), and
        has been for a moment: not as a held key's repeats that emptied it."""
        if self._field.value:
            return
        now = monotonic()
        if now - self._emptied_at < HELD_KEY_GAP:
            self._emptied_at = now  # still held: wait for a gap
            return
        self._close(None)

    def _close(self, topic_id: str | None, *, back: bool = False) -> None:
        """Dismiss with `topic_id`, once: a second Enter typed ahead can arrive after the
        search closed, and must not close the screen underneath."""
        if self.acts_now() and not self._dismissed:
            self._dismissed = True
            self.dismiss(SearchEnd(topic_id, self._results_for or "", back))


def _describe(result: SearchResult) -> Text:
    text = Text(safe_text(result.title, one_line=True), style="bold")
    if result.field != "title":
        text.append(f"\n  {result.where}{colon()}", style="dim")
        text.append(safe_text(result.snippet, one_line=True))
    return text
