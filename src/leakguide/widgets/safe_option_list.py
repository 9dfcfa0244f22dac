"""Textual's OptionList, safe on a terminal too small to show it.

Textual 8's OptionList measures options at the width it has; at zero width Rich raises
(`range() arg 3 must not be zero`), and with no room at all its line map stays empty so
PageUp/PageDown raise KeyError. Both reach readers on tiny or quickly resized terminals.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import OptionList

from ..textual_private import PageMovesNeedLines


class SafeOptionList(PageMovesNeedLines, OptionList):
    """An OptionList that never raises when it has no room to draw."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        padding = self.get_component_styles("option-list--option").padding.width
        if width - padding <= 0:
            return self.option_count
        return super().get_content_height(container, viewport, width)
