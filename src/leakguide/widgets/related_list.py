"""The "Related" list under a topic: every topic it links to, reachable with the keyboard."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..content.links import find_links
from ..content.model import Guide
from ..render.safe import safe_text


def related_topics(guide: Guide, topic_id: str) -> list[str]:
    """Topics a topic points to: its body's `topic:` links in order, then its `see_also`."""
    topic = guide.topics.get(topic_id)
    if topic is None:
        return []
    targets = [link.topic_id for link in find_links(topic.body) if link.topic_id]
    targets += list(topic.see_also)
    seen: set[str] = set()
    related = []
    for target in targets:
        if target and target != topic_id and target in guide.topics and target not in seen:
            seen.add(target)
            related.append(target)
    return related


class RelatedList(OptionList, inherit_bindings=False):
    """Related topics; Enter follows the highlighted one (the screen handles OptionSelected)."""

    HELP_AREA = "Related topics (Tab to reach)"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Move up", show=False, id="related.up"),
        Binding("down,j", "cursor_down", "Move down", show=False, id="related.down"),
        Binding("g,home", "first", "First", show=False, id="related.first"),
        Binding("G,end", "last", "Last", show=False, id="related.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="related.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="related.page-down"),
        Binding("enter", "select", "Follow the link", id="related.follow"),
    ]

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        self.topic_id: str | None = None
        self.border_title = "Related"

    def show_for(self, topic_id: str | None) -> None:
        """List the topics related to `topic_id` (none for a section or the flow entry)."""
        if topic_id == self.topic_id:
            return
        self.topic_id = topic_id
        targets = related_topics(self.guide, topic_id) if topic_id else []
        self.clear_options()
        self.add_options([
            Option(Text("→ " + safe_text(self.guide.topics[t].title, one_line=True)), id=t)
            for t in targets
        ])
        self.set_class(not targets, "-empty")
        if targets:
            self.highlighted = 0

    @property
    def targets(self) -> list[str]:
        return [option.id for option in self.options if option.id]
