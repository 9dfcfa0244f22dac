"""The top line of a screen: the guide's title, then where in the guide the reader is."""

from __future__ import annotations

from textual.widgets import Static

from ..content.unsafe import safe_text


class TitleBar(Static):
    """"Guide title › Part": one line, made safe for the terminal."""

    def __init__(self) -> None:
        super().__init__(id="title-bar")

    def show(self, *titles: str) -> None:
        """Show the titles from the guide's down to the part on screen."""
        self.update(safe_text(" › ".join(titles), one_line=True))
