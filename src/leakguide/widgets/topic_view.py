"""The content pane: one topic (or a section, or the flow's entry) drawn as one block of text.

The whole page is rendered once per topic and width into cached lines; scrolling and repainting
then cost nothing but copying those lines. No Markdown widget, no widget per paragraph.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..content.model import Guide, Source, Topic
from ..content.unsafe import safe_text
from ..i18n import _
from ..keymap import with_reader_keys
from ..render.evidence import evidence_text
from ..render.sources import known_sources
from ..render.topic import topic_trail
from ..state import TopicScroll
from ..textual_private import set_virtual_size_quietly

if TYPE_CHECKING:
    from ..render.markdown import MarkdownRenderer

CACHE_SIZE = 64
EMPTY_KEY = ("empty", "")


class TopicView(ScrollView, can_focus=True, inherit_bindings=False):
    """Breadcrumb, title, evidence label, summary, body, sources and review date of a topic."""

    HELP_AREA = "Topic text (right)"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="view.up"),
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="view.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="view.page-up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="view.page-down"),
        Binding("g,home", "scroll_home", "Top", show=False, id="view.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="view.bottom"),
        Binding("left,h", "to_list", "Back to the topic list", show=False, id="view.to-list"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "topic-view--breadcrumb",
        "topic-view--title",
        "topic-view--label",
        "topic-view--summary",
        "topic-view--heading",
        "topic-view--link",
        "topic-view--dim",
    }

    class LinkFollowed(Message):
        """The reader clicked a `topic:` link in the text."""

        def __init__(self, topic_id: str) -> None:
            self.topic_id = topic_id
            super().__init__()

    class ListWanted(Message):
        """The reader asked to go back to the topic list."""

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        self.key: tuple[str, str] = EMPTY_KEY
        self._lines: list[Strip] = []
        self._line_context: tuple[Style, Offset, int] | None = None
        self._cache: OrderedDict[tuple[tuple[str, str], int], list[Strip]] = OrderedDict()
        self._renderer: MarkdownRenderer | None = None
        #: While True, a topic's body is drawn as "…" and its page is not cached: the first
        #: frame does not wait for the Markdown parser to load (see `bodies_ready`).
        self.bodies_waiting = False
        #: Where to scroll once the page is drawn in full (`scroll_when_drawn`).
        self._scroll_waiting: TopicScroll | None = None

    # What to show

    def show_topic(self, topic_id: str) -> None:
        """Show a topic, from the top."""
        self._show(("topic", topic_id))

    def show_section(self, section_id: str) -> None:
        """Show a section's overview: its summary and its topics."""
        self._show(("section", section_id))

    def show_flow_entry(self) -> None:
        """Show what the decision flow is, and how to start it."""
        self._show(("flow", ""))

    def reload(self, guide: Guide) -> None:
        """Use a changed guide: the page on show is drawn again where the reader had scrolled."""
        self.guide = guide
        self._cache.clear()
        if self.is_mounted and self.key != EMPTY_KEY:
            self._relayout()

    def bodies_ready(self) -> None:
        """The Markdown parser is loaded: draw the waiting topic's body."""
        if not self.bodies_waiting:
            return
        self.bodies_waiting = False
        if self.is_mounted and self.key[0] == "topic":
            self._relayout()

    def scroll_when_drawn(self, scroll: TopicScroll) -> None:
        """Scroll the page on show to where the reader was (a restored place), now if it is
        drawn in full, else once it is (its width known, its body drawn)."""
        self._scroll_waiting = scroll
        self._scroll_if_drawn()

    @property
    def scroll_waiting(self) -> bool:
        """True while a restored place waits for the page to be drawn."""
        return self._scroll_waiting is not None

    @property
    def line_count(self) -> int:
        """The lines of the page on show, at its width."""
        return len(self._lines)

    def _scroll_if_drawn(self) -> None:
        scroll = self._scroll_waiting
        if scroll is None or not self._lines or (self.bodies_waiting and self.key[0] == "topic"):
            return
        self._scroll_waiting = None
        self.scroll_to(0, scroll.first_line(len(self._lines)), animate=False, immediate=True)

    def _show(self, key: tuple[str, str]) -> None:
        if key == self.key and self._lines:
            return
        self.key = key
        self._scroll_waiting = None
        self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)

    # Rendering

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if not width:  # not laid out yet, or hidden: `on_resize` draws the page at its width
            self._lines = []
            return
        cache_key = (self.key, width)
        lines = self._cache.get(cache_key)
        if lines is None:
            lines = self._render_lines(width)
            if not (self.bodies_waiting and self.key[0] == "topic"):
                self._cache[cache_key] = lines
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(cache_key)
        self._lines = lines
        self._set_virtual_size(Size(width, len(lines)))
        self.refresh()
        self._scroll_if_drawn()

    def _set_virtual_size(self, size: Size) -> None:
        """Change the scrollable size without a layout pass of the whole screen (~15 ms a key);
        the pane's own size does not depend on its content, only the scrollbar does."""
        if size == self.virtual_size:
            return
        had_scrollbar = self.show_vertical_scrollbar
        set_virtual_size_quietly(self, size)
        if self.show_vertical_scrollbar != had_scrollbar:
            self.refresh(layout=True)

    def _render_lines(self, width: int) -> list[Strip]:
        console = self.app.console
        options = console.options.update(width=width, height=None, highlight=False)
        renderable = Padding(self._page(), (0, 1))
        base = self.rich_style
        return [
            Strip(line).apply_style(base)
            for line in console.render_lines(renderable, options, pad=True)
        ]

    def render_lines(self, crop: Region) -> list[Strip]:
        # Look the style, scroll offset and width up once per repaint, not once per line.
        self._line_context = (self.rich_style, self.scroll_offset,
                              self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._line_context = None

    def render_line(self, y: int) -> Strip:
        style, (scroll_x, scroll_y), width = self._line_context or (
            self.rich_style, self.scroll_offset, self.scrollable_content_region.width
        )
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, style)

    def on_resize(self) -> None:
        """Draw the page at the new width, at the same share of it: the same line number
        would be another part of a text that now wraps to more or fewer lines."""
        if self.key == EMPTY_KEY:
            return
        lines_before, line = len(self._lines), round(self.scroll_y)
        self._relayout()
        lines = len(self._lines)
        if line and lines and lines != lines_before and self._scroll_waiting is None:
            first = TopicScroll(line, lines_before).first_line(lines)
            self.scroll_to(0, first, animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._renderer = None
        if self.is_mounted and self.key != EMPTY_KEY:
            self._relayout()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)

    def _theme_changed(self, _theme: object) -> None:
        """Draw the page again once a new theme is in place: the restyle reaches this widget
        before the component styles its page is drawn in (`_style`)."""
        self.notify_style_update()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"topic-view--{name}", partial=True)

    @property
    def renderer(self) -> MarkdownRenderer:
        if self._renderer is None:
            from ..render.markdown import MarkdownRenderer  # not needed for the first screen

            heading, link = self._style("heading"), self._style("link")
            self._renderer = MarkdownRenderer({
                "h1": heading + Style(underline=True), "h2": heading,
                "h3": heading + Style(italic=True), "topic_link": link,
            })
        return self._renderer

    def _page(self) -> RenderableType:
        kind, ident = self.key
        builders: dict[str, Callable[[str], list[RenderableType]]] = {
            "topic": self._topic_page, "section": self._section_page, "flow": self._flow_page,
        }
        builder = builders.get(kind)
        return Group(*builder(ident)) if builder else Text()

    def _topic_page(self, topic_id: str) -> list[RenderableType]:
        guide = self.guide
        topic = guide.topics.get(topic_id)
        if topic is None:
            return [Text(_("There is no topic “{id}” in this guide.").format(id=clean(topic_id)))]
        trail = topic_trail(guide, topic.id)  # ends at the parent: the title follows once
        parts: list[RenderableType] = [
            *([Text(clean(" › ".join(trail)), style=self._style("breadcrumb"))] if trail else []),
            Text(clean(topic.title), style=self._style("title")),
            self._label_line(topic),
        ]
        if topic.summary:
            parts.append(Text(clean(topic.summary), style=self._style("summary")))
        parts.append(Text())
        if self.bodies_waiting:
            parts.append(Text("…", style=self._style("dim")))
        else:
            parts.append(self.renderer.render(topic.body).renderable)
        parts.extend(self._sources(known_sources(guide, topic.sources)))
        parts.append(Text())
        parts.append(Text(_("Last reviewed: {date}").format(date=self._reviewed()),
                          style=self._style("dim")))
        return parts

    def _label_line(self, topic: Topic) -> Text:
        line = Text()
        line.append(f"[{_(clean(topic.kind).capitalize())}]", style=self._style("label"))
        if topic.evidence:
            line.append("  ", style=self._style("dim"))
            line.append_text(
                evidence_text(self.guide, topic.evidence, self._style("label"), self._style("dim"))
            )
        return line

    def _sources(self, sources: list[Source]) -> list[RenderableType]:
        if not sources:
            return []
        parts: list[RenderableType] = [Text(), Text(_("Sources"), style=self._style("heading"))]
        for source in sources:
            url = clean(source.url)
            line = Text()
            line.append(clean(source.publisher), style="bold")
            line.append(f": {clean(source.title)}\n")
            line.append(url, style=self._style("link") + _hyperlink(url))
            parts.append(_hanging("•", line))
        return parts

    def _reviewed(self) -> str:
        reviewed = self.guide.info.reviewed
        return reviewed.strftime(_("{day} %B %Y").format(day=reviewed.day))

    def _section_page(self, section_id: str) -> list[RenderableType]:
        section = self.guide.sections.get(section_id)
        if section is None:
            return [Text()]
        parts: list[RenderableType] = [Text(clean(section.title), style=self._style("title"))]
        if section.summary:
            parts.append(Text(clean(section.summary), style=self._style("summary")))
        parts.append(Text())
        for topic in self.guide.section_topics(section_id):
            line = Text("• ")
            line.append(clean(topic.title), style="bold")
            if topic.summary:
                line.append(f" — {clean(topic.summary)}")
            parts.append(line)
        parts.append(Text())
        parts.append(Text(with_reader_keys(self, _("Move down the list to read a topic; "
                                                   "{tree.expand:all} opens a branch.")),
                          style=self._style("dim")))
        return parts

    def _flow_page(self, _ident: str) -> list[RenderableType]:
        flow = self.guide.flow
        parts: list[RenderableType] = [Text(clean(flow.title), style=self._style("title"))]
        if flow.intro:
            parts.append(Text(clean(flow.intro)))
        parts.append(Text())
        parts.append(Text(with_reader_keys(self, _(
            "A few questions, one at a time, then what to do, how soon, and why. "
            "Press {tree.open} here to start, or press {app.ask} on any screen."))))
        disclaimer = self.guide.info.disclaimer
        if disclaimer:
            parts.append(Text())
            parts.append(Text(clean(disclaimer), style=self._style("dim")))
        return parts

    # Actions

    def action_follow_link(self, topic_id: str) -> None:
        """Follow a `topic:` link clicked in the text."""
        self.post_message(self.LinkFollowed(str(topic_id)))

    def action_to_list(self) -> None:
        self.post_message(self.ListWanted())

    @property
    def text_lines(self) -> list[str]:
        """The page as plain text lines (what the reader sees, without styles)."""
        return [line.text.strip() for line in self._lines]


def clean(text: str) -> str:
    return safe_text(text, one_line=True)


def _hanging(mark: str, body: Text) -> Table:
    """`mark` then `body`, every wrapped line of it (a long address too) indented under it."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(mark, body)
    return grid


def _hyperlink(url: str) -> Style:
    """An OSC 8 hyperlink style for web addresses only; anything else stays plain text."""
    if url.startswith(("https://", "http://")):
        return Style(link=url)
    return Style()
