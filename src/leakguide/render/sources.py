"""The sources a topic or an outcome cites, the same in every front end: which of them the guide
lists, and how one reads as a line of plain text. No Textual."""

from __future__ import annotations

from ..content.model import Guide, Source


def known_sources(guide: Guide, source_ids: tuple[str, ...] | list[str]) -> list[Source]:
    """The sources an outcome or topic cites, in order, those the guide lists only."""
    return [guide.sources[s] for s in source_ids if s in guide.sources]


def source_line(source: Source) -> str:
    """A source as one line of plain text: "Publisher: Title <url>"."""
    return f"{source.publisher}: {source.title} <{source.url}>"
