"""A list the reader moves through with arrows or j/k and chooses from with Enter."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from .safe_option_list import SafeOptionList


class ChoiceList(SafeOptionList, inherit_bindings=False):
    """An OptionList that also answers to j/k and g/G (keys that arrive over any SSH client)."""

    HELP_AREA = "List"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Move up", show=False, id="choice.up"),
        Binding("down,j", "cursor_down", "Move down", show=False, id="choice.down"),
        Binding("g,home", "first", "First", show=False, id="choice.first"),
        Binding("G,end", "last", "Last", show=False, id="choice.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="choice.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="choice.page-down"),
        Binding("enter", "select", "Choose", show=False, id="choice.choose"),
    ]

    def on_resize(self) -> None:
        """Keep the highlighted option in view: after the terminal changed size it could be
        out of sight, and Enter chose it unseen."""
        self.call_after_refresh(self.scroll_to_highlight)
