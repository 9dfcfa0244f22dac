"""The tree of topics on the left of the browse screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar, NamedTuple, cast

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..content.model import Guide, Topic
from ..content.unsafe import safe_text
from ..render.cells import cells

FLOW = "flow"
SECTION = "section"
TOPIC = "topic"

CURSOR_MARK = "▸ "
NO_MARK = "  "
_MARK_WIDTH = cells(CURSOR_MARK)


class Entry(NamedTuple):
    """What a tree node stands for: the flow's entry, a section, or a topic."""

    kind: str
    id: str


class TopicTree(Tree[Entry], inherit_bindings=False, inherit_css=False):
    """Sections and topics, with the decision flow's entry first.

    The cursor line is marked with a glyph as well as reverse video, so it shows without colour.
    Its styling is all in app.tcss (`inherit_css=False`).
    """

    HELP_AREA = "Topic list (left)"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Move up", show=False, id="tree.up"),
        Binding("down,j", "cursor_down", "Move down", show=False, id="tree.down"),
        Binding("right,l", "expand", "Expand", show=False, id="tree.expand"),
        Binding("left,h", "collapse_or_parent", "Collapse, or go to the parent", show=False,
                id="tree.collapse"),
        Binding("enter", "select_cursor", "Open", id="tree.open"),
        Binding("space", "toggle_node", "Expand or collapse", show=False, id="tree.toggle"),
        Binding("g,home", "first", "First", show=False, id="tree.first"),
        Binding("G,end", "last", "Last", show=False, id="tree.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="tree.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="tree.page-down"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = Tree.COMPONENT_CLASSES  # not inherited with the CSS
    ICON_NODE = "+ "
    ICON_NODE_EXPANDED = "- "

    def __init__(self, guide: Guide, *, id: str | None = None,
                 on_choose: Callable[[TreeNode[Entry]], None] | None = None) -> None:
        """`on_choose` is called on Enter at once, in the order of the keys around it."""
        # A Text label: a str would go through Rich markup, whose emoji table (0.9 MiB, 4 ms to
        # import) nothing else on the first screen needs.
        super().__init__(Text("guide"), id=id)
        self.guide = guide
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.on_choose = on_choose
        self._entry_nodes: dict[Entry, TreeNode[Entry]] = {}
        self._widest: int | None = None
        self._fill()

    def action_select_cursor(self) -> None:
        """Choose the cursor's entry. A NodeSelected message would act one step after the key,
        so a Tab typed right after Enter (a burst over a slow link) would move the focus first
        and then be undone; `on_choose` acts before the next key is handled."""
        node = self.cursor_node
        if self.on_choose is None or node is None:
            super().action_select_cursor()
        else:
            self.on_choose(node)

    def _fill(self) -> None:
        guide = self.guide
        flow = Entry(FLOW, "")
        self._entry_nodes[flow] = self.root.add_leaf(_label(guide.flow.title), data=flow)
        for section in guide.sections.values():
            entry = Entry(SECTION, section.id)
            node = self.root.add(_label(section.title), data=entry, expand=True)
            self._entry_nodes[entry] = node
            for topic in guide.section_topics(section.id):
                self._add_topic(node, topic)

    def _add_topic(self, parent: TreeNode[Entry], topic: Topic) -> None:
        """`topic` and its subtopics under `parent` (no recursion: safe however deep)."""
        stack = [(parent, topic)]
        while stack:
            parent, topic = stack.pop()
            children = self.guide.child_topics(topic.id)
            entry = Entry(TOPIC, topic.id)
            if children:
                node = parent.add(_label(topic.title), data=entry)
                stack.extend((node, child) for child in reversed(children))
            else:
                node = parent.add_leaf(_label(topic.title), data=entry)
            self._entry_nodes[entry] = node

    def reload(self, guide: Guide) -> None:
        """Rebuild the tree from a changed guide; branches keep their open or closed state."""
        was_open = {entry: node.is_expanded for entry, node in self._entry_nodes.items()}
        self.guide = guide
        self._widest = None
        self.clear()
        self._entry_nodes = {}
        self._fill()
        for entry, node in self._entry_nodes.items():
            if not node.allow_expand or entry not in was_open:
                continue
            if was_open[entry]:
                node.expand()
            else:
                node.collapse()

    @property
    def current(self) -> Entry | None:
        """The entry under the cursor."""
        node = self.cursor_node
        return node.data if node is not None else None

    def node_for(self, entry: Entry) -> TreeNode[Entry] | None:
        return self._entry_nodes.get(entry)

    def move_to(self, entry: Entry) -> bool:
        """Put the cursor on `entry`, expanding its ancestors; False if it is not in the tree."""
        node = self._entry_nodes.get(entry)
        if node is None:
            return False
        ancestor = node.parent
        while ancestor is not None:
            if not ancestor.is_expanded:
                ancestor.expand()
            ancestor = ancestor.parent
        _ = self.last_line  # rebuilds the tree's lines, so the node knows its line number
        self.move_cursor(node, animate=False)
        self.call_after_refresh(self._scroll_cursor_into_view)
        return True

    def widest_line(self) -> int:
        """Cells the longest title takes with its indent and marks, open branches or not: the
        width the tree needs to cut none (the same while branches open and close)."""
        if self._widest is None:
            self._widest = max(map(self._line_width, self._entry_nodes.values()), default=0)
        return self._widest

    def cut_titles(self, room: int) -> Iterator[str]:
        """The titles a tree with `room` cells for its lines cuts, open branches or not."""
        for node in self._entry_nodes.values():
            if self._line_width(node) > room:
                yield cast(Text, node.label).plain

    def title_is_cut(self, node: TreeNode[Entry] | None) -> bool:
        """True when `node`'s line is wider than the tree shows."""
        if node is None:
            return False
        return self._line_width(node) > self.scrollable_content_region.width

    def _line_width(self, node: TreeNode[Entry]) -> int:
        """Cells `node`'s line takes: its indent, marks and title."""
        return _depth(node) * self.guide_depth + self.get_label_width(node)

    def scroll_to_line(self, line: int, animate: bool = True) -> None:
        """Bring `line` into view. A line out of view comes to the middle, not to the edge: a
        held key that runs off the bottom scrolls the tree once per half a page instead of
        once per line, and each scroll rewrites every line of the tree (over a slow link,
        about 800 bytes; vim's 'scrolljump' does the same for slow terminals)."""
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if height > 0 and line >= 0 and not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 2), animate=False, force=True)
            return
        super().scroll_to_line(line, animate)

    def on_resize(self) -> None:
        """Keep the cursor in view when the tree gets shorter (the full title of a cut line
        appears under it)."""
        self.call_after_refresh(self._scroll_cursor_into_view)

    def _scroll_cursor_into_view(self) -> None:
        if self.cursor_node is not None and self.cursor_line >= 0:
            self.scroll_to_line(self.cursor_line, animate=False)

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        mark = CURSOR_MARK if node is self.cursor_node and self.cursor_line >= 0 else NO_MARK
        line = Text.assemble((mark, base_style), label)
        # Never cut silently: "…" at the edge, and the browse screen shows the full title below.
        room = self.scrollable_content_region.width - _depth(node) * self.guide_depth
        if 0 < room < line.cell_len:
            line.truncate(room, overflow="ellipsis")
        return line

    def get_label_width(self, node: TreeNode[Entry]) -> int:
        """The width `render_label` gives, without rendering: the tree measures every line."""
        icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        label = cast(Text, node.label)  # the tree makes every label a Text
        return _MARK_WIDTH + (cells(icon) if node.allow_expand else 0) + label.cell_len

    def action_expand(self) -> None:
        """Expand the node under the cursor, or step into it if it is already open."""
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def action_collapse_or_parent(self) -> None:
        """Collapse the node under the cursor, or move to its parent if it is closed."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def action_first(self) -> None:
        self.cursor_line = 0
        self.scroll_to_line(0, animate=False)

    def action_last(self) -> None:
        self.cursor_line = self.last_line
        self.scroll_to_line(self.cursor_line, animate=False)


def _depth(node: TreeNode[Entry]) -> int:
    """How deep `node` is under the (hidden) root: 0 for the flow's entry and sections."""
    depth = 0
    parent = node.parent
    while parent is not None and parent.parent is not None:
        depth += 1
        parent = parent.parent
    return depth


def _label(title: str) -> Text:
    return Text(safe_text(title, one_line=True), no_wrap=True, overflow="ellipsis")
