"""The "more ↑ ↓" line under a box whose text or answers do not all fit."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static

from ..i18n import _


class MoreCue(Static):
    """"more ↑ ↓": which way there is more of the box above it; hidden when it all fits."""

    def follow(self, box: Widget) -> None:
        """Show what of `box` is out of sight, above and below the lines in view."""
        top = round(box.scroll_y)
        above, below = top > 0, top < round(box.max_scroll_y)
        arrows = " ".join(arrow for arrow, more in (("↑", above), ("↓", below)) if more)
        self.display = bool(arrows)
        self.update(_("more {arrows}").format(arrows=arrows) if arrows else "")
