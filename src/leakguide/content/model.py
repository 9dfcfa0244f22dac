"""The guide as immutable data: what the loader builds and every front end reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType

from .record import Record

#: Urgency levels the code understands, least to most urgent. Their wording lives in the guide.
URGENCY_LEVELS: tuple[str, ...] = ("self-care", "talk-soon", "urgent", "emergency")
#: Levels whose answers must carry a preview and whose outcomes are shown as urgent.
URGENT_LEVELS: frozenset[str] = frozenset({"urgent", "emergency"})
#: Topic kinds. A "remedy" must carry sources and an evidence label (a safety rule).
TOPIC_KINDS: tuple[str, ...] = ("info", "cause", "situation", "remedy", "warning")
#: What a red-flags question may screen for (its `screen`). Every path to a self-care outcome
#: must pass a question screening for each of them (a safety rule, in validate.py).
SCREEN_KINDS: tuple[str, ...] = ("emergency", "fever", "warning-signs")


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


class GuideInfo(Record):
    """The `[guide]` table: what the guide is and when it was reviewed."""

    def __init__(
        self,
        title: str,
        summary: str,
        language: str,
        reviewed: dt.date,
        review_due: dt.date | None,
        disclaimer: str,
    ) -> None:
        vars(self).update(
            title=title,
            summary=summary,
            language=language,
            reviewed=reviewed,
            review_due=review_due,
            disclaimer=disclaimer,
        )


class Label(Record):
    """An evidence label such as "Clinical guidance"."""

    def __init__(self, id: str, name: str, description: str) -> None:
        vars(self).update(id=id, name=name, description=description)


class Urgency(Record):
    """How the guide words one urgency level (`self-care`, `urgent`, ...)."""

    def __init__(self, id: str, name: str, marker: str, description: str) -> None:
        vars(self).update(id=id, name=name, marker=marker, description=description)

    @property
    def rank(self) -> int:
        return URGENCY_LEVELS.index(self.id)

    @property
    def is_urgent(self) -> bool:
        return self.id in URGENT_LEVELS


class Source(Record):
    """A cited source."""

    def __init__(self, id: str, title: str, publisher: str, url: str) -> None:
        vars(self).update(id=id, title=title, publisher=publisher, url=url)


class Section(Record):
    """A top-level branch of the topic tree."""

    def __init__(self, id: str, title: str, summary: str = "") -> None:
        vars(self).update(id=id, title=title, summary=summary)


class Topic(Record):
    """One page of the guide. `section` is always set, resolved through `parent` if needed."""

    def __init__(
        self,
        id: str,
        title: str,
        section: str,
        parent: str | None,
        kind: str,
        summary: str,
        body: str,
        evidence: str | None,
        sources: tuple[str, ...],
        keywords: tuple[str, ...],
        see_also: tuple[str, ...],
    ) -> None:
        vars(self).update(
            id=id,
            title=title,
            section=section,
            parent=parent,
            kind=kind,
            summary=summary,
            body=body,
            evidence=evidence,
            sources=sources,
            keywords=keywords,
            see_also=see_also,
        )


class Answer(Record):
    """One answer to a flow question; leads to exactly one of `next` or `outcome`."""

    def __init__(
        self, id: str, label: str, next: str | None, outcome: str | None, preview: str = ""
    ) -> None:
        vars(self).update(id=id, label=label, next=next, outcome=outcome, preview=preview)

    @property
    def target(self) -> str:
        """The id of the question or outcome this answer leads to."""
        return self.next or self.outcome or ""


class Question(Record):
    """One flow question, asked on a screen of its own. `screen` is one of `SCREEN_KINDS` for a
    red-flags question that screens for that kind of sign, else None."""

    def __init__(
        self,
        id: str,
        text: str,
        why: str,
        red_flags: bool,
        answers: tuple[Answer, ...],
        screen: str | None = None,
    ) -> None:
        vars(self).update(
            id=id, text=text, why=why, red_flags=red_flags, answers=answers, screen=screen
        )

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


class Outcome(Record):
    """Where the flow ends: what to do, how soon, when to get help, and the evidence label (an
    id of `Guide.labels`) its advice carries."""

    def __init__(
        self,
        id: str,
        title: str,
        urgency: str,
        evidence: str,
        body: str,
        recommend: tuple[str, ...],
        get_help_if: tuple[str, ...],
        sources: tuple[str, ...],
    ) -> None:
        vars(self).update(
            id=id,
            title=title,
            urgency=urgency,
            evidence=evidence,
            body=body,
            recommend=recommend,
            get_help_if=get_help_if,
            sources=sources,
        )


class Flow(Record):
    """The decision flow: questions and outcomes, starting at `start`."""

    def __init__(
        self,
        title: str,
        intro: str,
        start: str,
        questions: Mapping[str, Question],
        outcomes: Mapping[str, Outcome],
    ) -> None:
        vars(self).update(
            title=title,
            intro=intro,
            start=start,
            questions=_frozen(questions),
            outcomes=_frozen(outcomes),
        )


class Guide(Record):
    """A whole, validated guide. Mappings keep the file's order."""

    def __init__(
        self,
        format: int,
        info: GuideInfo,
        labels: Mapping[str, Label],
        urgencies: Mapping[str, Urgency],
        sources: Mapping[str, Source],
        sections: Mapping[str, Section],
        topics: Mapping[str, Topic],
        flow: Flow,
        path: str = "",
    ) -> None:
        vars(self).update(
            format=format,
            info=info,
            labels=_frozen(labels),
            urgencies=_frozen(urgencies),
            sources=_frozen(sources),
            sections=_frozen(sections),
            topics=_frozen(topics),
            flow=flow,
            path=path,
        )

    @cached_property
    def _children(self) -> Mapping[str, tuple[str, ...]]:
        """Topic ids by parent id (or "section:ID" for top-level topics), made when first
        needed: loading a guide to check it never needs them."""
        children: dict[str, list[str]] = {}
        for topic in self.topics.values():
            key = topic.parent if topic.parent else f"section:{topic.section}"
            children.setdefault(key, []).append(topic.id)
        return _frozen({k: tuple(v) for k, v in children.items()})

    def section_topics(self, section_id: str) -> tuple[Topic, ...]:
        """Top-level topics of a section, in file order."""
        return tuple(self.topics[t] for t in self._children.get(f"section:{section_id}", ()))

    def child_topics(self, topic_id: str) -> tuple[Topic, ...]:
        """Topics whose parent is `topic_id`, in file order."""
        return tuple(self.topics[t] for t in self._children.get(topic_id, ()))

    def topic_path(self, topic_id: str) -> tuple[Topic, ...]:
        """The topic and its ancestors, outermost first."""
        chain: list[Topic] = []
        current: str | None = topic_id
        while current is not None and current in self.topics and len(chain) <= len(self.topics):
            topic = self.topics[current]
            chain.append(topic)
            current = topic.parent
        return tuple(reversed(chain))

    def reading_order(self) -> tuple[Topic, ...]:
        """Every topic depth-first in tree order: section by section, children after parents."""
        from .walk import preorder  # no recursion: safe however deep the tree

        def children(topic: Topic) -> tuple[Topic, ...]:
            return self.child_topics(topic.id)

        return tuple(topic for section_id in self.sections
                     for topic in preorder(self.section_topics(section_id), children))
