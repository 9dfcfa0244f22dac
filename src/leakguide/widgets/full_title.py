"""Under the topic tree: the whole title of the highlighted line, when the tree cuts it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..content.unsafe import safe_text


class FullTitle(Static):
    """The highlighted title, wrapped, shown only while the tree is too narrow for it."""

    def show_title(self, title: str | None) -> None:
        """Show `title` in full, or nothing (None: the tree shows it whole)."""
        self.display = title is not None
        if title is not None:
            self.update(Text(safe_text(title, one_line=True)))
