"""Incremental search over a guide's topics. No Textual here.

Matching is case- and accent-insensitive ("LÉT" finds "let-down"). Every word of the query must
occur in a topic. Titles, keywords (hidden synonyms) and summaries match anywhere inside a word;
body text matches at the start of a word ("pad" finds "pads", not "spade"), looked up in a sorted
word list built once, so each keystroke costs the same however long the bodies are. Topics rank by
where their words matched: title above keywords above summary above body.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Set
from dataclasses import dataclass

from .content.model import Guide
from .render.safe import safe_text

FIELDS = ("title", "keywords", "summary", "body")
#: How much a match in each field counts; a title match outranks any number of lesser matches.
FIELD_WEIGHTS = {"title": 1_000_000, "keywords": 10_000, "summary": 100, "body": 1}
#: Shown to the reader as where the match was.
FIELD_NAMES = {"title": "title", "keywords": "keyword", "summary": "summary", "body": "text"}
SNIPPET_WIDTH = 60

#: Match tiers, best first: a title word starting with the query word beats a match inside one.
_TIER_FIELDS = (0, 0, 1, 2, 3)
_TIER_SCORES = (
    FIELD_WEIGHTS["title"] * 3 // 2, FIELD_WEIGHTS["title"], FIELD_WEIGHTS["keywords"],
    FIELD_WEIGHTS["summary"], FIELD_WEIGHTS["body"],
)
_BODY = FIELDS.index("body")
_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W+")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MARKUP_CHARACTERS = "*_`#>|"
#: Combining marks of the Latin, Greek and Cyrillic diacritic blocks: the accents folding removes.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower-case `text` and strip accents, so that "Été" and "ete" compare equal."""
    if text.isascii():
        return text.lower()
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def plain_body(markdown: str) -> str:
    """A body's words without Markdown punctuation, on one line (enough to search and quote)."""
    if "[" in markdown:
        markdown = _LINK.sub(r"\1", markdown)
    for character in _MARKUP_CHARACTERS:
        if character in markdown:
            markdown = markdown.replace(character, "")
    return " ".join(markdown.split())


@dataclass(frozen=True)
class SearchResult:
    """One topic found: the field of its best match, and a short quote around it."""

    topic_id: str
    title: str
    field: str
    snippet: str
    score: int

    @property
    def where(self) -> str:
        """The field as the reader sees it: "title", "keyword", "summary" or "text"."""
        return FIELD_NAMES[self.field]


class SearchIndex:
    """A search index over every topic of a guide, in reading order."""

    def __init__(self, guide: Guide) -> None:
        self._ids: list[str] = []
        self._texts: list[tuple[str, str, str, str]] = []
        columns: tuple[list[str], ...] = ([], [], [], [])
        postings: dict[str, list[int]] = {}
        for index, topic in enumerate(guide.reading_order()):
            texts = (
                safe_text(topic.title, one_line=True),
                safe_text(" · ".join(topic.keywords), one_line=True),
                safe_text(topic.summary, one_line=True),
                safe_text(plain_body(topic.body), one_line=True),
            )
            self._ids.append(topic.id)
            self._texts.append(texts)
            for column, text in zip(columns, texts, strict=True):
                column.append(fold(text))
            for word in set(_WORD.findall(columns[_BODY][-1])):
                postings.setdefault(word, []).append(index)
        self._columns = columns
        self._joined = tuple("\n".join(column) for column in columns[:_BODY])
        self._word_titles = [" " + _NON_WORD.sub(" ", title) for title in columns[0]]
        self._vocabulary = sorted(postings)
        self._postings = [postings[word] for word in self._vocabulary]
        self._everything = frozenset(range(len(self._ids)))
        self._last_query: tuple[str, Set[int]] = ("", self._everything)

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, limit: int = 50) -> list[SearchResult]:
        """Topics matching every word of `query`, best first (reading order breaks ties)."""
        folded_query = fold(" ".join(query.split()))
        terms = folded_query.split()
        if not terms:
            return []
        last_query, last_matches = self._last_query
        # Typing on narrows the last result: only topics that matched before can match now.
        remaining = (
            last_matches if last_query and folded_query.startswith(last_query)
            else self._everything
        )
        # Topics grouped by score: set operations instead of a Python step per topic.
        by_score: dict[int, set[int]] = {0: set(remaining)}
        tiers_per_term: list[list[set[int]]] = []
        for term in terms:
            tiers = self._tiers(term, remaining)
            tiers_per_term.append(tiers)
            regrouped: dict[int, set[int]] = {}
            for score, members in by_score.items():
                for tier, tier_members in enumerate(tiers):
                    common = members & tier_members
                    if common:
                        regrouped.setdefault(score + _TIER_SCORES[tier], set()).update(common)
            by_score = regrouped
            remaining = set().union(*by_score.values())
        self._last_query = (folded_query, remaining)
        top: list[tuple[int, int]] = []
        for score in sorted(by_score, reverse=True):
            members = by_score[score]
            chosen = sorted(members) if len(members) <= limit else heapq.nsmallest(limit, members)
            top.extend((score, i) for i in chosen[: limit - len(top)])
            if len(top) >= limit:
                break
        results = []
        for score, i in top:
            tier = self._best_tier(i, tiers_per_term)
            results.append(self._result(i, _TIER_FIELDS[tier], terms, score))
        return results

    @staticmethod
    def _best_tier(index: int, tiers_per_term: list[list[set[int]]]) -> int:
        return min(
            next(t for t, members in enumerate(tiers) if index in members)
            for tiers in tiers_per_term
        )

    def _tiers(self, term: str, candidates: Iterable[int]) -> list[set[int]]:
        """Candidates holding `term`, split by their best match: title word start, title,
        keywords, summary, body."""
        tiers: list[set[int]] = [set(), set(), set(), set(), set()]
        rest = set(candidates)
        for field_index, joined in enumerate(self._joined):
            if rest and term in joined:
                column = self._columns[field_index]
                hits = {i for i in rest if term in column[i]}
                if field_index == 0 and hits:
                    word_start = " " + _NON_WORD.sub(" ", term).strip()
                    titles = self._word_titles
                    tiers[0] = {i for i in hits if word_start in titles[i]}
                    hits -= tiers[0]
                tiers[field_index + 1] = hits
                rest -= hits
                rest -= tiers[0]
        if rest:
            tiers[4] = rest & self._body_matches(term)
        return tiers

    def _body_matches(self, term: str) -> set[int]:
        """Topics whose body has, for every word part of `term`, a word starting with it."""
        matches: set[int] | None = None
        for part in _WORD.findall(term):
            found: set[int] = set()
            start = bisect_left(self._vocabulary, part)
            end = bisect_left(self._vocabulary, part + "\U0010ffff", start)
            for posting in self._postings[start:end]:
                found.update(posting)
            matches = found if matches is None else matches & found
            if not matches:
                return set()
        return matches or set()

    def _result(self, index: int, field_index: int, terms: list[str], score: int) -> SearchResult:
        text, folded = self._texts[index][field_index], self._columns[field_index][index]
        at = -1
        for term in terms:
            at = _find(folded, term, word_start=field_index == _BODY)
            if at != -1:
                break
        return SearchResult(
            self._ids[index], self._texts[index][0], FIELDS[field_index],
            _snippet(text, folded, at), score,
        )


def _find(folded: str, term: str, word_start: bool) -> int:
    """Where `term` occurs in `folded` (at the start of a word, if asked), or -1."""
    if not word_start:
        return folded.find(term)
    needle = _WORD.findall(term)[0] if _WORD.search(term) else term
    at = folded.find(needle)
    while at > 0 and folded[at - 1].isalnum():
        at = folded.find(needle, at + 1)
    return at


def _snippet(text: str, folded: str, at: int) -> str:
    """About SNIPPET_WIDTH characters of `text` around offset `at` of its folded form."""
    if at == -1:
        at = 0
    if len(folded) != len(text):
        at = _original_offset(text, at)
    start = max(0, at - SNIPPET_WIDTH // 3)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space != -1 and start - space < 15 else start
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > at else end
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _original_offset(text: str, folded_offset: int) -> int:
    """Map an offset in `fold(text)` back to `text` when folding changed the length."""
    length = 0
    for index, char in enumerate(text):
        length += len(fold(char))
        if length > folded_offset:
            return index
    return len(text)
