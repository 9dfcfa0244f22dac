"""Incremental search: type, see matching topics and where they matched, Enter opens one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..render.safe import safe_text
from ..search import SearchIndex, SearchResult
from ..widgets.choice_list import ChoiceList


class SearchResults(ChoiceList):
    """Topics found; Enter opens the highlighted one."""

    HELP_AREA = "Results"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open the topic", id="results.open"),
    ]


class SearchScreen(Screen[str | None], inherit_bindings=False):
    """Search titles, hidden keywords, summaries and text; dismisses with the chosen topic id.

    Not a modal screen, so F1 and Ctrl+Q work here; letters go to the search field first.
    """

    HELP_AREA = "Search"
    HELP_HINT = (
        "Type words to find topics (capitals and accents do not matter). ↑ ↓ choose, "
        "Enter opens, Escape or Ctrl+G goes back."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+g", "cancel", "Cancel", id="search.cancel"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.up"),
        Binding("down", "move(1)", "Next result", show=False, id="search.down"),
        Binding("pageup", "move(-5)", "Page up", show=False, id="search.page-up"),
        Binding("pagedown", "move(5)", "Page down", show=False, id="search.page-down"),
        Binding("tab", "app.focus_next", "Next area", show=False, id="search.next-area"),
        Binding("shift+tab", "app.focus_previous", "Previous area", show=False,
                id="search.previous-area"),
    ]

    def __init__(self, index: SearchIndex, query: str = "") -> None:
        super().__init__()
        self.index = index
        self.initial_query = query
        self.results: list[SearchResult] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog") as dialog:
            dialog.border_title = "Search — Enter opens, Escape or Ctrl+G cancels"
            field = Input(self.initial_query, placeholder="Words to find…", id="search-input")
            field.cursor_blink = False  # a steady cursor: no repaint (and no bytes) twice a second
            yield field
            yield Static("Type to search every topic.", id="search-status")
            yield SearchResults(id="search-results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial_query:
            self._update(self.initial_query)

    @property
    def result_list(self) -> SearchResults:
        return self.query_one(SearchResults)

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def _update(self, query: str) -> None:
        self.results = self.index.search(query)
        results = self.result_list
        results.clear_options()
        results.add_options([
            Option(_describe(result), id=result.topic_id) for result in self.results
        ])
        if self.results:
            results.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update("Type to search every topic.")
        elif not self.results:
            status.update("No topic matches. Try fewer or shorter words.")
        else:
            count = len(self.results)
            status.update(f"{count}{'+' if count >= 50 else ''} topic{'s' * (count != 1)} "
                          "found — ↑ ↓ choose, Enter opens")

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self._open_highlighted()

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._close(event.option.id)

    def _open_highlighted(self) -> None:
        results = self.result_list
        if results.highlighted is None or not results.option_count:
            self.notify("Nothing to open: type words that a topic contains.", timeout=3)
            return
        option = results.get_option_at_index(results.highlighted)
        self._close(option.id)

    def on_key(self, event: events.Key) -> None:
        """Keep what is typed right after `/`, before the search field had the focus."""
        field = self.query_one(Input)
        if event.is_printable and event.character and self.focused in (None, field):
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def action_move(self, step: int) -> None:
        results = self.result_list
        if not results.option_count:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    def action_cancel(self) -> None:
        self._close(None)

    def _close(self, topic_id: str | None) -> None:
        """Dismiss with `topic_id`, once: a second Enter typed ahead can arrive after the
        search closed, and must not close the screen underneath."""
        if self.is_current:
            self.dismiss(topic_id)


def _describe(result: SearchResult) -> Text:
    text = Text(safe_text(result.title, one_line=True), style="bold")
    if result.field != "title":
        text.append(f"\n  {result.where}: ", style="dim")
        text.append(safe_text(result.snippet, one_line=True))
    return text
