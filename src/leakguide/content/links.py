"""Links inside Markdown bodies, found with markdown-it-py (never with a regex over raw text)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

TOPIC_SCHEME = "topic:"


class BodyLink(NamedTuple):
    """A link in a body: its text, its target, and the 0-based line and column where it starts."""

    text: str
    href: str
    line: int
    col: int

    @property
    def topic_id(self) -> str | None:
        """The topic id for a `topic:ID` link, else None."""
        if self.href.startswith(TOPIC_SCHEME):
            return self.href[len(TOPIC_SCHEME) :]
        return None


def markdown_parser_loaded() -> bool:
    """True once markdown-it has been imported (about 25 ms the first time)."""
    return markdown_parser.cache_info().currsize > 0


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect of the guide: CommonMark with tables, raw HTML off; and no
    unsafe character (`content.unsafe`) in what it produces, however the source spelled it."""
    from markdown_it import MarkdownIt  # Imported on first use: `check` rarely needs it.

    parser = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")
    parser.core.ruler.push("leakguide_remove_unsafe", _remove_unsafe_after_decoding)
    return parser


def _remove_unsafe_after_decoding(state) -> None:
    """Remove the unsafe characters that decoding character references (`&#x202e;`) made, from
    every token's text and attributes: what the validator rejects, no renderer shows."""
    from .unsafe import UNSAFE_PATTERN

    def clean(token) -> None:
        if token.content and UNSAFE_PATTERN.search(token.content):
            token.content = UNSAFE_PATTERN.sub("", token.content)
        for name, value in (token.attrs or {}).items():
            if isinstance(value, str) and UNSAFE_PATTERN.search(value):
                token.attrs[name] = UNSAFE_PATTERN.sub("", value)

    for token in state.tokens:
        clean(token)
        for child in token.children or ():
            clean(child)


def find_links(body: str) -> list[BodyLink]:
    """Every link in a Markdown body, in order."""
    lines = body.split("\n")
    links: list[BodyLink] = []
    for block in markdown_parser().parse(body):
        if block.type != "inline" or not block.children:
            continue
        first_line = block.map[0] if block.map else 0
        search_from: dict[int, int] = {}
        text_parts: list[str] | None = None
        href = ""
        for token in block.children:
            if token.type == "link_open":
                href = str(token.attrGet("href") or "")
                text_parts = []
            elif token.type == "link_close" and text_parts is not None:
                line, col = _locate(lines, first_line, block.map, href, search_from)
                links.append(BodyLink("".join(text_parts), href, line, col))
                text_parts = None
            elif text_parts is not None and token.type in ("text", "code_inline"):
                text_parts.append(token.content)
    return links


def _locate(
    lines: list[str],
    first_line: int,
    line_range: list[int] | None,
    href: str,
    search_from: dict[int, int],
) -> tuple[int, int]:
    """Find the `(href` of a link in the block's source lines; fall back to the block start."""
    last_line = line_range[1] if line_range else first_line + 1
    for line_number in range(first_line, min(last_line, len(lines))):
        start = search_from.get(line_number, 0)
        col = lines[line_number].find(f"({href}", start)
        if col != -1:
            search_from[line_number] = col + 1
            opening = lines[line_number].rfind("[", 0, col)
            return line_number, opening if opening != -1 else col
    return first_line, 0
