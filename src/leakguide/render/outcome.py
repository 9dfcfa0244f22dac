"""How an outcome is presented, the same in every front end: its urgency in words and the
topics to read next (its sources: `render.sources`), and the order of "Get help if" and
"What to do" (`sections_in_order`). The outcome screen, `ask`, `export` and the
saved summary all take these from here, each in its own form (Rich text, plain text, Markdown,
HTML). No Textual.
"""

from __future__ import annotations

from ..content.links import find_links
from ..content.model import URGENT_LEVELS, Guide, Outcome
from ..i18n import _

#: The two parts of an outcome whose order depends on its urgency (`sections_in_order`).
GET_HELP_IF = "get-help-if"
WHAT_TO_DO = "what-to-do"


def sections_in_order(outcome: Outcome) -> tuple[str, str]:
    """`GET_HELP_IF` and `WHAT_TO_DO` in the order a reader meets them: warning signs before
    self-care. Where what to do is self-care (or talking to someone in the next days), the
    signs that mean it is no longer that come first. Where what to do is itself getting help
    (today, now, or the emergency number), it comes first: it is the most important thing to
    read, and the signs only say when to act sooner still."""
    if outcome.urgency in URGENT_LEVELS:
        return WHAT_TO_DO, GET_HELP_IF
    return GET_HELP_IF, WHAT_TO_DO


def shown_marker(marker: str) -> str:
    """An urgency's marker in the reader's language: the guide's marker ("[!] URGENT") looked up
    in the interface's catalogue, which keeps its glyph and translates its word ("[!] 紧急"); a
    marker the catalogue lacks is shown as the guide writes it."""
    return _(marker) if marker else marker


def urgency_label(guide: Guide, urgency_id: str) -> str:
    """The urgency as the reader sees it: its marker and name ("[!] URGENT Get medical help
    today"), or the bare id where the guide does not describe it."""
    urgency = guide.urgencies.get(urgency_id)
    if urgency is None:
        return urgency_id
    return f"{shown_marker(urgency.marker)} {urgency.name}"


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
