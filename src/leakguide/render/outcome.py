"""How an outcome is presented, the same in every front end: its urgency in words and the
topics to read next (its sources: `render.sources`). The outcome screen, `ask`, `export` and the
saved summary all take these from here, each in its own form (Rich text, plain text, Markdown,
HTML). No Textual.
"""

from __future__ import annotations

from ..content.links import find_links
from ..content.model import Guide, Outcome


def urgency_label(guide: Guide, urgency_id: str) -> str:
    """The urgency as the reader sees it: its marker and name ("🔴 Urgent"), or the bare id
    where the guide does not describe it."""
    urgency = guide.urgencies.get(urgency_id)
    return f"{urgency.marker} {urgency.name}" if urgency is not None else urgency_id


def urgency_description(guide: Guide, urgency_id: str) -> str:
    """What the urgency means ("Contact your midwife or doctor today…"), or ""."""
    urgency = guide.urgencies.get(urgency_id)
    return urgency.description if urgency is not None else ""


def read_next(guide: Guide, outcome: Outcome) -> list[str]:
    """The topics to read next: those the outcome recommends, then those its text links to,
    each once, known topics only."""
    linked = [link.topic_id for link in find_links(outcome.body) if link.topic_id]
    seen: list[str] = []
    for topic_id in [*outcome.recommend, *linked]:
        if topic_id in guide.topics and topic_id not in seen:
            seen.append(topic_id)
    return seen
