"""Markdown (the guide's dialect) to Rich renderables, in one pass over markdown-it-py's tokens.

No Textual here: the result is a plain Rich renderable that a widget can draw in one piece. Links
keep their targets: `topic:ID` links carry a click action in their style meta, other links become
OSC 8 hyperlinks the reader's own terminal may open. Every piece of text goes through `safe_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..content.links import TOPIC_SCHEME, markdown_parser
from ..content.unsafe import safe_text

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

#: Default styles by role; widgets pass their own (from the app's CSS) to follow the theme.
#: Attributes only (no colours): the defaults read the same on dark, light and colourless screens.
DEFAULT_STYLES: dict[str, Style] = {
    "h1": Style(bold=True, underline=True),
    "h2": Style(bold=True),
    "h3": Style(bold=True, italic=True),
    "h4": Style(italic=True, underline=True),
    "em": Style(italic=True),
    "strong": Style(bold=True),
    "strike": Style(strike=True),
    "code": Style(bold=True),
    "code_block": Style(),
    "quote": Style(italic=True),
    "quote_bar": Style(dim=True),
    "link": Style(underline=True),
    "topic_link": Style(underline=True, bold=True),
    "url": Style(dim=True),
    "bullet": Style(bold=True),
    "rule": Style(dim=True),
    "table_header": Style(bold=True),
}

#: The click action a `topic:` link carries: the widget showing it must define `action_follow_link`.
FOLLOW_ACTION = "follow_link"

BULLETS = ("•", "◦", "▪")


@dataclass
class RenderedMarkdown:
    """A rendered body: the renderable and the `topic:` targets in the order they appear."""

    renderable: RenderableType
    topic_links: list[str] = field(default_factory=list)


class Prefixed:
    """Draw a renderable with a prefix on its first line and another on the lines after it."""

    def __init__(self, renderable: RenderableType, first: Text, rest: Text | None = None) -> None:
        self.renderable = renderable
        self.first = first
        self.rest = rest if rest is not None else Text(" " * first.cell_len)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        prefix_width = max(self.first.cell_len, self.rest.cell_len)
        if width - prefix_width < 1:
            yield from console.render(self.renderable, options)
            return
        lines = console.render_lines(
            self.renderable, options.update(width=width - prefix_width), pad=False
        )
        first = list(self.first.render(console))
        rest = list(self.rest.render(console))
        new_line = Segment.line()
        for number, line in enumerate(lines):
            yield from first if number == 0 else rest
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        prefix_width = max(self.first.cell_len, self.rest.cell_len)
        inner = Measurement.get(console, options, self.renderable)
        return Measurement(inner.minimum + prefix_width, inner.maximum + prefix_width)


class MarkdownRenderer:
    """Render the guide's Markdown to Rich renderables using a table of styles by role."""

    def __init__(self, styles: Mapping[str, Style] | None = None) -> None:
        self.styles = {**DEFAULT_STYLES, **(styles or {})}

    def render(self, source: str) -> RenderedMarkdown:
        """Render a whole Markdown document."""
        from markdown_it.tree import SyntaxTreeNode  # not needed before the first topic is shown

        tokens = markdown_parser().parse(safe_text(source))
        links: list[str] = []
        blocks = self._blocks(SyntaxTreeNode(tokens).children, links, tight=False, depth=0)
        return RenderedMarkdown(Group(*blocks), links)

    # Blocks

    def _blocks(
        self, nodes: Iterable[SyntaxTreeNode], links: list[str], *, tight: bool, depth: int
    ) -> list[RenderableType]:
        rendered: list[RenderableType] = []
        for node in nodes:
            block = self._block(node, links, depth)
            if block is None:
                continue
            if rendered and not tight:
                rendered.append(Text())
            rendered.append(block)
        return rendered

    def _block(self, node: SyntaxTreeNode, links: list[str], depth: int) -> RenderableType | None:
        kind = node.type
        if kind == "paragraph":
            return self._inline_of(node, links)
        if kind == "heading":
            level = min(int(node.tag[1:]) if node.tag[1:].isdigit() else 4, 4)
            text = self._inline_of(node, links)
            text.stylize(self.styles[f"h{level}"])
            return text
        if kind in ("bullet_list", "ordered_list"):
            return self._list(node, links, depth)
        if kind == "blockquote":
            inner = Group(*self._blocks(node.children, links, tight=False, depth=depth + 1))
            bar = Text("▌ ", style=self.styles["quote_bar"])
            return _Styled(Prefixed(inner, bar, bar.copy()), self.styles["quote"])
        if kind in ("code_block", "fence"):
            code = node.content[:-1] if node.content.endswith("\n") else node.content
            text = Text(code, style=self.styles["code_block"], no_wrap=False, overflow="fold")
            return Prefixed(text, Text("  "))
        if kind == "hr":
            return Rule(characters="─", style=self.styles["rule"])
        if kind == "table":
            return self._table(node, links)
        if kind == "html_block":
            return Text(node.content.rstrip("\n"))
        if kind == "inline":
            return self._inline(node, links)
        if node.children:
            return Group(*self._blocks(node.children, links, tight=False, depth=depth))
        return Text(node.content) if node.content else None

    def _inline_of(self, node: SyntaxTreeNode, links: list[str]) -> Text:
        for child in node.children:
            if child.type == "inline":
                return self._inline(child, links)
        return Text()

    def _list(self, node: SyntaxTreeNode, links: list[str], depth: int) -> RenderableType:
        ordered = node.type == "ordered_list"
        start = node.attrGet("start") if ordered else None
        number = int(start) if isinstance(start, (int, float, str)) and str(start).isdigit() else 1
        items = [child for child in node.children if child.type == "list_item"]
        tight = all(
            grandchild.hidden for item in items for grandchild in item.children
            if grandchild.type == "paragraph"
        )
        markers: list[str] = []
        for offset in range(len(items)):
            if ordered:
                delimiter = node.markup if node.markup in (".", ")") else "."
                markers.append(f"{number + offset}{delimiter} ")
            else:
                markers.append(f"{BULLETS[depth % len(BULLETS)]} ")
        marker_width = max((len(m) for m in markers), default=2)
        rendered: list[RenderableType] = []
        for item, marker in zip(items, markers, strict=True):
            blocks = self._blocks(item.children, links, tight=tight, depth=depth + 1)
            body: RenderableType = Group(*blocks) if blocks else Text()
            prefix = Text(marker.rjust(marker_width) if ordered else marker.ljust(marker_width),
                          style=self.styles["bullet"])
            if rendered and not tight:
                rendered.append(Text())
            rendered.append(Prefixed(body, prefix, Text(" " * marker_width)))
        return Group(*rendered)

    def _table(self, node: SyntaxTreeNode, links: list[str]) -> RenderableType:
        table = Table(
            box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
            header_style=self.styles["table_header"],
        )
        header_rows: list[list[Text]] = []
        body_rows: list[list[Text]] = []
        aligns: list[str] = []
        for part in node.children:
            for row_node in part.children:
                cells: list[Text] = []
                for cell in row_node.children:
                    cells.append(self._inline_of_cell(cell, links))
                    if part.type == "thead":
                        style = str(cell.attrGet("style") or "")
                        aligns.append(
                            "right" if "right" in style else "center" if "center" in style
                            else "left"
                        )
                (header_rows if part.type == "thead" else body_rows).append(cells)
        columns = max((len(r) for r in header_rows + body_rows), default=0)
        headers = header_rows[0] if header_rows else []
        for index in range(columns):
            align = aligns[index] if index < len(aligns) else "left"
            heading = headers[index] if index < len(headers) else Text()
            table.add_column(heading, justify=align, overflow="fold")  # type: ignore[arg-type]
        for row in body_rows:
            table.add_row(*(row + [Text()] * (columns - len(row))))
        return table

    def _inline_of_cell(self, cell: SyntaxTreeNode, links: list[str]) -> Text:
        for child in cell.children:
            if child.type == "inline":
                return self._inline(child, links)
        return Text()

    # Inline

    def _inline(self, node: SyntaxTreeNode, links: list[str]) -> Text:
        text = Text()
        self._inline_into(text, node.children, Style(), links)
        return text

    def _inline_into(
        self, text: Text, nodes: Iterable[SyntaxTreeNode], style: Style, links: list[str]
    ) -> None:
        styles = self.styles
        for node in nodes:
            kind = node.type
            if kind == "text" or kind == "html_inline":
                text.append(node.content, style or None)
            elif kind == "softbreak":
                text.append(" ", style or None)
            elif kind == "hardbreak":
                text.append("\n")
            elif kind == "code_inline":
                text.append(node.content, style + styles["code"])
            elif kind == "strong":
                self._inline_into(text, node.children, style + styles["strong"], links)
            elif kind == "em":
                self._inline_into(text, node.children, style + styles["em"], links)
            elif kind == "s":
                self._inline_into(text, node.children, style + styles["strike"], links)
            elif kind == "link":
                self._link_into(text, node, style, links)
            elif kind == "image":
                alt = node.content or "".join(c.content for c in node.children)
                text.append(f"[image: {alt}]" if alt else "[image]", style or None)
            elif node.children:
                self._inline_into(text, node.children, style, links)
            elif node.content:
                text.append(node.content, style or None)

    def _link_into(self, text: Text, node: SyntaxTreeNode, style: Style, links: list[str]) -> None:
        href = str(node.attrGet("href") or "")
        if href.startswith(TOPIC_SCHEME):
            topic_id = href[len(TOPIC_SCHEME):]
            links.append(topic_id)
            link_style = style + self.styles["topic_link"] + Style.from_meta(
                {"@click": (FOLLOW_ACTION, (topic_id,)), "topic": topic_id}
            )
            self._inline_into(text, node.children, link_style, links)
            return
        start = len(text)
        self._inline_into(text, node.children, style + self.styles["link"], links)
        shown = text.plain[start:]
        if _is_web_link(href):
            text.stylize(Style(link=href), start, len(text))
        if href and shown.strip() != href and not href.startswith("mailto:" + shown.strip()):
            text.append(f" <{href}>", style + self.styles["url"])


class _Styled:
    """Apply a base style under everything a renderable draws."""

    def __init__(self, renderable: RenderableType, style: Style) -> None:
        self.renderable = renderable
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = console.render_lines(self.renderable, options, pad=False)
        new_line = Segment.line()
        for line in lines:
            yield from Segment.apply_style(line, self.style)
            yield new_line


def _is_web_link(href: str) -> bool:
    """Only web and mail links become terminal hyperlinks; anything else stays text."""
    return href.startswith(("https://", "http://", "mailto:"))


def render_markdown(source: str, styles: Mapping[str, Style] | None = None) -> RenderedMarkdown:
    """Render a Markdown body with the given (or default) styles."""
    return MarkdownRenderer(styles).render(source)
