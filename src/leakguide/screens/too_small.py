"""Shown instead of a squashed layout when the terminal is too small; goes away on resize."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from ..i18n import _

#: The smallest terminal the guide draws itself in; below it, this screen asks for more room.
MIN_WIDTH = 30
MIN_HEIGHT = 10


class TooSmallScreen(Screen[None]):
    """A plain message asking for a bigger terminal."""

    HELP_AREA = "Terminal too small"

    def compose(self) -> ComposeResult:
        yield Static(
            _("Terminal too small. Make it at least {size}. q quits.").format(
                size=f"{MIN_WIDTH}×{MIN_HEIGHT}"),
            id="too-small",
        )
