"""The guide as immutable data: what the loader builds and every front end reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any, NamedTuple

#: Urgency levels the code understands, least to most urgent. Their wording lives in the guide.
URGENCY_LEVELS: tuple[str, ...] = ("self-care", "talk-soon", "urgent", "urgent-now", "emergency")
#: Levels a guide may leave out (added after guides were written; a guide uses one only if it
#: defines it). `urgent-now`: get medical help now, day or night, short of the emergency number.
OPTIONAL_URGENCY_LEVELS: frozenset[str] = frozenset({"urgent-now"})
#: Levels whose answers must carry a preview and whose outcomes are shown as urgent.
URGENT_LEVELS: frozenset[str] = frozenset({"urgent", "urgent-now", "emergency"})
#: Topic kinds. A "remedy" must carry sources and an evidence label (a safety rule).
TOPIC_KINDS: tuple[str, ...] = ("info", "cause", "situation", "remedy", "warning")
#: What a red-flags question may screen for (its `screen`). Every path to a self-care outcome
#: must pass a question screening for each of them (a safety rule, in validate.py).
SCREEN_KINDS: tuple[str, ...] = ("emergency", "fever", "warning-signs")


#: Starts the stand-in id the loader gives a table whose own id is missing, wrong or a
#: duplicate (reported), so the rest of it is still checked: no id can start with it (ids are
#: kebab-case), so no reference names such a table. A guide with one is never handed out.
UNNAMED = "#"


def unnamed(item_id: str) -> bool:
    """Whether `item_id` stands in for a missing, wrong or duplicate id (reported already)."""
    return item_id.startswith(UNNAMED)


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


class GuideInfo(NamedTuple):
    """The `[guide]` table: what the guide is and when it was reviewed."""

    title: str
    summary: str
    language: str
    reviewed: dt.date
    review_due: dt.date | None
    disclaimer: str


class Label(NamedTuple):
    """An evidence label such as "Clinical guidance"."""

    id: str
    name: str
    description: str


class Urgency(NamedTuple):
    """How the guide words one urgency level (`self-care`, `urgent`, ...)."""

    id: str
    name: str
    marker: str
    description: str

    @property
    def rank(self) -> int:
        return URGENCY_LEVELS.index(self.id)

    @property
    def is_urgent(self) -> bool:
        return self.id in URGENT_LEVELS


class Source(NamedTuple):
    """A cited source."""

    id: str
    title: str
    publisher: str
    url: str


class Section(NamedTuple):
    """A top-level branch of the topic tree."""

    id: str
    title: str
    summary: str = ""


class Topic(NamedTuple):
    """One page of the guide. `section` is always set, resolved through `parent` if needed."""

    id: str
    title: str
    section: str
    parent: str | None
    kind: str
    summary: str
    body: str
    evidence: str | None
    sources: tuple[str, ...]
    keywords: tuple[str, ...]
    see_also: tuple[str, ...]


class Answer(NamedTuple):
    """One answer to a flow question; leads to exactly one of `next` or `outcome`."""

    id: str
    label: str
    next: str | None
    outcome: str | None
    preview: str = ""

    @property
    def target(self) -> str:
        """The id of the question or outcome this answer leads to."""
        return self.next or self.outcome or ""


class Question(NamedTuple):
    """One flow question, asked on a screen of its own. `screen` is one of `SCREEN_KINDS` for a
    red-flags question that screens for that kind of sign, else None."""

    id: str
    text: str
    why: str
    red_flags: bool
    answers: tuple[Answer, ...]
    screen: str | None = None

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


class Outcome(NamedTuple):
    """Where the flow ends: what to do, how soon, when to get help, and the evidence label (an
    id of `Guide.labels`) its advice carries."""

    id: str
    title: str
    urgency: str
    evidence: str
    body: str
    recommend: tuple[str, ...]
    get_help_if: tuple[str, ...]
    sources: tuple[str, ...]


class _FlowFields(NamedTuple):
    title: str
    intro: str
    start: str
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]


class Flow(_FlowFields):
    """The decision flow: questions and outcomes, starting at `start`."""

    __slots__ = ()

    def __new__(
        cls,
        title: str,
        intro: str,
        start: str,
        questions: Mapping[str, Question],
        outcomes: Mapping[str, Outcome],
    ) -> Flow:
        return super().__new__(cls, title, intro, start, _frozen(questions), _frozen(outcomes))

    def _replace(self, **changes: Any) -> Flow:
        """A copy with some fields changed, made through `__new__` (so its conversions apply)."""
        return type(self)(**{**self._asdict(), **changes})


class _GuideFields(NamedTuple):
    format: int
    info: GuideInfo
    labels: Mapping[str, Label]
    urgencies: Mapping[str, Urgency]
    sources: Mapping[str, Source]
    sections: Mapping[str, Section]
    topics: Mapping[str, Topic]
    flow: Flow
    path: str = ""
    #: Translatable items by (kind, id), when the guide has translations (translations.Item).
    translations: Mapping[tuple[str, str], Any] = MappingProxyType({})


class Guide(_GuideFields):
    """A whole, validated guide. Mappings keep the file's order.

    Without `__slots__`, so that `_children` can be cached on the instance."""

    def __new__(
        cls,
        format: int,
        info: GuideInfo,
        labels: Mapping[str, Label],
        urgencies: Mapping[str, Urgency],
        sources: Mapping[str, Source],
        sections: Mapping[str, Section],
        topics: Mapping[str, Topic],
        flow: Flow,
        path: str = "",
        translations: Mapping[tuple[str, str], Any] = MappingProxyType({}),
    ) -> Guide:
        return super().__new__(
            cls, format, info, _frozen(labels), _frozen(urgencies), _frozen(sources),
            _frozen(sections), _frozen(topics), flow, path,
            translations if isinstance(translations, MappingProxyType) else _frozen(translations),
        )

    def _replace(self, **changes: Any) -> Guide:
        """A copy with some fields changed, made through `__new__` (so its conversions apply)."""
        return type(self)(**{**self._asdict(), **changes})

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
