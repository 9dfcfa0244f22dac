"""Markdown bodies as plain wrapped text: for screen readers, pipes and `ssh -T`. No Textual.

Links become "text (see: Topic Title)" for `topic:` links and "text <url>" for web links; emphasis
is dropped; lists keep "- " and "1. " markers; code is kept as written; tables become aligned text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from ..content.links import TOPIC_SCHEME, markdown_parser
from ..content.unsafe import remove_unsafe
from ..i18n import _, colon
from .cells import cells
from .linebreak import wrap_spans

_MIN_WIDTH = 20
_CODE_INDENT = "    "

#: Looks up a topic's title by id; None when there is no such topic.
TopicTitles = Callable[[str], "str | None"]


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Wrap one paragraph to `width` terminal columns. Long words (URLs) are never broken;
    text in wide characters (CJK) breaks between characters, by the rule of `linebreak`."""
    subsequent = indent if subsequent is None else subsequent
    width = max(width, cells(indent) + 8, cells(subsequent) + 8)
    lines: list[str] = []
    line, used, at_start = indent, cells(indent), True
    for piece, spaced in wrap_spans(text):
        size = cells(piece)
        gap = 1 if spaced and not at_start else 0
        if not at_start and used + gap + size > width:
            lines.append(line.rstrip())
            line, used, gap = subsequent, cells(subsequent), 0
        line += " " * gap + piece
        used += gap + size
        at_start = False
    if not at_start:
        lines.append(line.rstrip())
    return lines or [indent.rstrip()]


def markdown_to_plain(body: str, width: int = 80, topic_title: TopicTitles | None = None) -> str:
    """Render a Markdown body as plain text wrapped to `width` columns."""
    renderer = _PlainRenderer(max(width, _MIN_WIDTH), topic_title or (lambda _id: None))
    tree = SyntaxTreeNode(markdown_parser().parse(remove_unsafe(body)))
    return "\n".join(renderer.blocks(tree.children, renderer.width)).strip("\n")


def inline_to_plain(text: str, topic_title: TopicTitles | None = None) -> str:
    """One line of Markdown (a label, a title) as plain text, without wrapping."""
    renderer = _PlainRenderer(10_000, topic_title or (lambda _id: None))
    tree = SyntaxTreeNode(markdown_parser().parse(remove_unsafe(text)))
    return " ".join(" ".join(renderer.blocks(tree.children, 10_000)).split())


class _PlainRenderer:
    def __init__(self, width: int, topic_title: TopicTitles) -> None:
        self.width = width
        self.topic_title = topic_title

    def blocks(self, nodes: list[SyntaxTreeNode], width: int, tight: bool = False) -> list[str]:
        """Render block nodes; a blank line between blocks unless the list is tight."""
        lines: list[str] = []
        for node in nodes:
            rendered = self.block(node, width)
            if not rendered:
                continue
            if lines and not tight:
                lines.append("")
            lines.extend(rendered)
        return lines

    def block(self, node: SyntaxTreeNode, width: int) -> list[str]:
        kind = node.type
        if kind in ("paragraph", "heading"):
            return self.paragraph(node, width)
        if kind == "bullet_list":
            return self.list_items(node, width, ordered=False)
        if kind == "ordered_list":
            return self.list_items(node, width, ordered=True)
        if kind == "blockquote":
            inner = self.blocks(node.children, width - 4)
            return [("    " + line) if line else "" for line in inner]
        if kind in ("code_block", "fence"):
            code = node.content.expandtabs(4).rstrip("\n")
            return [(_CODE_INDENT + line) if line else "" for line in code.split("\n")]
        if kind == "table":
            return self.table(node, width)
        if kind == "hr":
            return []
        if kind == "html_block":  # only when raw HTML is on; shown as the text it is
            return [line for line in node.content.rstrip("\n").split("\n")]
        return self.blocks(node.children, width)

    def paragraph(self, node: SyntaxTreeNode, width: int) -> list[str]:
        text = self.inline(node.children[0]) if node.children else ""
        lines: list[str] = []
        for part in text.split("\n"):
            lines.extend(wrap(" ".join(part.split()), width))
        return lines

    def list_items(self, node: SyntaxTreeNode, width: int, ordered: bool) -> list[str]:
        start = int(node.attrs.get("start", 1) or 1) if ordered else 1
        items = node.children
        tight = all(
            child.hidden for item in items for child in item.children if child.type == "paragraph"
        )
        last_marker = f"{start + len(items) - 1}. " if ordered else "- "
        hang = " " * len(last_marker)
        lines: list[str] = []
        for number, item in enumerate(items, start):
            marker = f"{number}. ".ljust(len(hang)) if ordered else "- "
            inner = self.blocks(item.children, width - len(hang), tight=tight) or [""]
            if lines and not tight:
                lines.append("")
            lines.append((marker + inner[0]).rstrip())
            lines.extend((hang + line) if line else "" for line in inner[1:])
        return lines

    def table(self, node: SyntaxTreeNode, width: int) -> list[str]:
        rows: list[list[str]] = []
        for part in node.children:  # thead, tbody
            for row_node in part.children:
                rows.append([self.inline(cell.children[0]) if cell.children else ""
                             for cell in row_node.children])
        if not rows:
            return []
        columns = max(len(row) for row in rows)
        rows = [[" ".join(cell.split()) for cell in row] + [""] * (columns - len(row))
                for row in rows]
        widths = [max(cells(row[i]) for row in rows) for i in range(columns)]
        if sum(widths) + 2 * (columns - 1) <= width:
            lines = [
                "  ".join(cell + " " * (w - cells(cell))
                          for cell, w in zip(row, widths, strict=True)).rstrip()
                for row in rows
            ]
            lines.insert(1, "  ".join("-" * w for w in widths))
            return lines
        # Too wide to align: one record per row, "Header: value".
        header, *body = rows
        lines = []
        for row in body:
            if lines:
                lines.append("")
            for name, cell in zip(header, row, strict=True):
                lines.extend(wrap(f"{name}{colon()}{cell}" if name else cell, width, "", "  "))
        return lines

    def inline(self, node: SyntaxTreeNode) -> str:
        out: list[str] = []
        for child in node.children:
            kind = child.type
            if kind in ("text", "code_inline"):
                out.append(child.content)
            elif kind == "softbreak":
                out.append(" ")
            elif kind == "hardbreak":
                out.append("\n")
            elif kind == "link":
                out.append(self.link(child))
            elif kind == "image":
                alt = self.inline(child) or "image"
                out.append(f"{alt} <{child.attrs.get('src', '')}>")
            elif kind == "html_inline":
                out.append(child.content)
            else:  # em, strong, s: emphasis dropped, text kept
                out.append(self.inline(child))
        return "".join(out)

    def link(self, node: SyntaxTreeNode) -> str:
        text = self.inline(node).strip()
        href = str(node.attrs.get("href", ""))
        if href.startswith(TOPIC_SCHEME):
            topic_id = href[len(TOPIC_SCHEME):]
            title = self.topic_title(topic_id) or topic_id
            if not text:
                return _("(see: {title})").format(title=title)
            return f"{text} " + _("(see: {title})").format(title=title)
        if not text or text == href or f"mailto:{text}" == href:
            return f"<{href}>"
        return f"{text} <{href}>"


def plain_label(value: Any) -> str:
    """A short value (title, label) as one safe line."""
    return " ".join(remove_unsafe(str(value)).split())
