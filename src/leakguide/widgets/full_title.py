"""Under the topic tree: the whole title of the highlighted line, when the tree cuts titles."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from ..content.unsafe import safe_text

#: The most lines a full title takes; a longer one is cut here too.
MAX_LINES = 4


class FullTitle(Static):
    """The highlighted title, wrapped, shown while the tree is too narrow for some title.

    Beside the topic pane it keeps one height while the tree cuts any title (`keep_lines`):
    moving the cursor then repaints these lines alone. Showing and hiding it as each title
    was cut or not changed the tree's height, and the tree redraws every line when resized:
    a cursor move took two more frames (key → last byte 34.6 ms; 27.3 ms without them)."""

    _kept: int | None = None

    def lines_for(self, titles: Iterable[str], width: int) -> int:
        """Lines the longest of `titles` takes in this line `width` cells wide, its padding
        included (at most MAX_LINES)."""
        width -= self.styles.gutter.width
        most = 0
        for title in titles:
            most = max(most, len(_shown(title).wrap(self.app.console, width)))
            if most >= MAX_LINES:
                return MAX_LINES
        return most

    def keep_lines(self, lines: int | None) -> None:
        """Keep `lines` lines (0: hidden, no title is cut), or None: as many as the shown
        title needs, and hidden when it is whole (one pane: the tree alone)."""
        self._kept = lines
        if lines is None:
            self.styles.height = "auto"
        else:
            self.display = lines > 0
            if lines:
                self.styles.height = lines

    def show_title(self, title: str | None, *, cut: bool) -> None:
        """Show the highlighted `title` in full (`cut`: the tree shows it cut)."""
        kept = self._kept
        if kept is None:  # its height follows the title
            self.display = cut and title is not None
            if self.display:
                self.update(_shown(title or ""))
        elif kept:
            self.update(_shown(title or ""), layout=False)


def _shown(title: str) -> Text:
    """A title as this line shows it: safe, on one line before wrapping."""
    return Text(safe_text(title, one_line=True))
