"""How a topic is presented, the same in every front end: where it stands in the guide (its
trail) and the topics it points to (its sources: `render.sources`). The content pane, the
Related list, `read` and `export` (Markdown and HTML) all take these from here, each in its own
form (Rich text, plain text, Markdown, HTML). No Textual.
"""

from __future__ import annotations

from ..content.links import find_links
from ..content.model import Guide, Topic


def topic_trail(guide: Guide, topic_id: str) -> list[str]:
    """Where a topic stands: its section's title, then the titles of the topics above it
    (not its own)."""
    topic = guide.topics[topic_id]
    section = guide.sections.get(topic.section)
    trail = [section.title] if section else []
    return trail + [t.title for t in guide.topic_path(topic_id)[:-1]]


def see_also(guide: Guide, topic: Topic) -> list[str]:
    """The topics the topic's `see_also` names, in its order, known topics only."""
    return [topic_id for topic_id in topic.see_also if topic_id in guide.topics]


def related_topics(guide: Guide, topic_id: str) -> list[str]:
    """Every topic a topic points to: its body's `topic:` links in order, then its `see_also`;
    each once, known topics only, never itself."""
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
