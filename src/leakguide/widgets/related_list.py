"""The "Related" list under a topic: every topic it links to, reachable with the keyboard."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from ..content.model import Guide
from ..content.unsafe import safe_text
from ..i18n import _
from ..render.topic import related_topics


class RelatedList(Widget, can_focus=True):
    """Related topics as a short list of fixed height; Enter follows the highlighted one.

    Drawn line by line, so changing topics repaints these few lines and never re-lays out
    the screen (an OptionList that grows and shrinks costs a full layout on every move).
    """

    HELP_AREA = "Related topics ({browse.next-area} to reach)"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Move up", show=False, id="related.up"),
        Binding("down,j", "move(1)", "Move down", show=False, id="related.down"),
        Binding("g,home", "first", "First", show=False, id="related.first"),
        Binding("G,end", "last", "Last", show=False, id="related.last"),
        Binding("enter", "follow", "Follow the link", id="related.follow"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"related-list--highlight", "related-list--empty"}

    highlighted: reactive[int] = reactive(0)

    class Chosen(Message):
        """The reader chose a related topic."""

        def __init__(self, topic_id: str) -> None:
            self.topic_id = topic_id
            super().__init__()

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        self.topic_id: str | None = None
        self.targets: list[str] = []
        self.border_title = _("Related")
        #: While True, the list stays empty: finding a body's links needs the Markdown parser,
        #: which loads after the first frame (see `bodies_ready`).
        self.bodies_waiting = False

    def show_for(self, topic_id: str | None) -> None:
        """List the topics related to `topic_id` (none for a section or the flow entry)."""
        if topic_id == self.topic_id:
            return
        self.topic_id = topic_id
        self.targets = related_topics(self.guide, topic_id) if (
            topic_id and not self.bodies_waiting) else []
        self.set_reactive(RelatedList.highlighted, 0)
        self._title_count()
        self.refresh()

    def bodies_ready(self) -> None:
        """The Markdown parser is loaded: list the waiting topic's links."""
        if not self.bodies_waiting:
            return
        self.bodies_waiting = False
        if self.topic_id:
            self.reload(self.guide)
        else:
            self.refresh()  # "…" becomes "No links from here."

    def reload(self, guide: Guide) -> None:
        """Use a changed guide: list the shown topic's links again, keeping the highlight."""
        self.guide = guide
        topic_id = self.topic_id
        self.targets = related_topics(guide, topic_id) if topic_id else []
        self.set_reactive(RelatedList.highlighted,
                          max(0, min(self.highlighted, len(self.targets) - 1)))
        self._title_count()
        self.refresh()

    def _title_count(self) -> None:
        """Say how many links there are: the box may show fewer lines than that."""
        count = len(self.targets)
        self.border_title = _("Related ({count})").format(count=count) if count else _("Related")

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if not self.targets:
            if y != 0:
                return Strip.blank(width, base)
            empty = "…" if self.bodies_waiting else _("No links from here.")
            text = Text(empty, style=self.get_component_rich_style(
                "related-list--empty", partial=True))
        else:
            index = self._first_visible + y
            if index >= len(self.targets):
                return Strip.blank(width, base)
            title = safe_text(self.guide.topics[self.targets[index]].title, one_line=True)
            if index == self.highlighted and self.has_focus:
                text = Text("▸ " + title, style=self.get_component_rich_style(
                    "related-list--highlight", partial=True))
            else:
                text = Text("→ " + title)
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(text.render(self.app.console)).apply_style(base).crop_extend(0, width, base)

    @property
    def _first_visible(self) -> int:
        height = max(1, self.size.height)
        return max(0, min(self.highlighted - height + 1, len(self.targets) - height)) if (
            self.highlighted >= height) else 0

    def watch_highlighted(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.targets:
            self.highlighted = max(0, min(len(self.targets) - 1, self.highlighted + step))

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = max(0, len(self.targets) - 1)

    def action_follow(self) -> None:
        if self.targets:
            self.post_message(self.Chosen(self.targets[self.highlighted]))
