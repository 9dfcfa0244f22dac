"""Search over a guide's topics, the way people ask. No Textual here.

One model for the app's `/` screen and for `leakguide search`:

- The query is split into words; capitals and accents do not matter ("LÉT" finds "let-down"),
  word order does not, and stop words ("how do i", "my", "is") are left out.
- A query word matches a topic's word when they share a stem (leak, leaks, leaking, leaked),
  when it starts the topic's word ("pad" finds "pads", "breast" finds "breastfeeding"; a single
  letter only starts words of titles, so that "ü" does not find every topic), or, when the
  guide has no word of that stem, with one typo in words of 4 to 7 letters and two in longer
  ones (Damerau-Levenshtein: "mastits" finds mastitis).
- Topics that hold every word come first (all but one, with three words or more; a word that
  most topics hold does not count); when none does, those holding the most of them. Each word
  scores by where it matched (title, then keywords, well above summary, then body), how well
  (same word, same stem, start of a word, typo) and how rare it is in the guide.
- Chinese has no spaces: a run of Chinese characters matches by its pairs of neighbours. A run
  of three or more characters none of whose pairs the guide has, but which differs in one
  character from a run whose pairs it has all of (乳线炎, 乳腺炎), is read as that run.
- Results quote plain text around the match (no Markdown), and a query that finds nothing gets
  "Did you mean" suggestions: the nearest words the guide knows.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import product

from .content.model import Guide
from .content.unsafe import safe_text
from .i18n import N_
from .i18n import _ as translated

FIELDS = ("title", "keywords", "summary", "body")
#: How much a match in each field counts: title and keywords well above summary and body.
FIELD_WEIGHTS = (10.0, 8.0, 3.0, 1.0)
#: Shown to the reader as where the match was.
FIELD_NAMES = {"title": N_("title"), "keywords": N_("keyword"), "summary": N_("summary"),
               "body": N_("text")}
SNIPPET_WIDTH = 60
#: The longest query, in characters, that is searched (the `/` field keeps no more, and
#: `leakguide search` searches no more): no topic needs more words, and a 10 MB paste must
#: not cost seconds per key.
MAX_QUERY_LENGTH = 200
#: How well a query word matched a guide word.
SAME_WORD, SAME_STEM, WORD_START, ONE_TYPO, TWO_TYPOS = 1.0, 0.9, 0.6, 0.5, 0.35

#: Words that say little about what someone looks for; left out unless the query is only these.
_STOP_WORDS = """
    a about am an and any are as at be been being but by can cant could d did didnt do does
    doesnt doing dont during for from get gets got had has have having he her hers him his how
    i id if im in into is isnt it its ive just ll m me might mine must my myself of on or our
    ours please re s she should so some such t than that thats the their theirs them then there
    these they this those through to too us ve very was wasnt we were what whats when where
    which while who whom why will with wont would you youre your yours
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
#: Chinese character pairs that say little about what someone looks for ("how come", "what").
CJK_STOP_PAIRS = frozenset([
    "怎么", "么办", "怎样", "什么", "为什", "么会", "我的", "是不", "不是", "可以", "一下", "请问",
    "如何",
])

#: A run of Han characters (Chinese has no spaces: it is matched by characters and pairs).
_CJK_RUN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")

_WORD = re.compile(r"\w+")
_BODY = 3
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|topic):[^>\s]*)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
#: Heading, quote and list markers, rules and code fences, at the start of a line.
_LINE_MARKUP = re.compile(r"[ \t]*(?:(?:#{1,6}|>|[-*+]|\d+[.)])(?=[ \t]|$)[ \t]*)+")
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_RULE_OR_FENCE = re.compile(r"[ \t]*(?:(?:[-*_][ \t]*){3,}|(?:```|~~~).*)$")
_LINE_STARTS = frozenset("#>-*+0123456789`~_")
_EMPHASIS = re.compile(
    r"(?:(?<=[\s(\[\"'])|^)[*_]{1,3}(?=\S)|(?<=\S)(?<!\\)[*_]{1,3}(?=[\s.,;:!?)\]\"']|$)|`+")
_TABLE_PIPES = re.compile(r"[ \t]*\|[ \t]*(?:[-:]+[ \t]*\|[ \t]*)*")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
#: Combining marks of the Latin, Greek and Cyrillic diacritic blocks: the accents folding removes.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_VOWELS = frozenset("aeiouy")
_TERM_CACHE_SIZE = 512


def fold(text: str) -> str:
    """Lower-case `text` and strip accents, so that "Été" and "ete" compare equal."""
    if text.isascii():
        return text.lower()
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def plain_body(markdown: str) -> str:
    """A body's words without Markdown, on one line: link texts without their targets, no
    emphasis, heading, list or quote markers, table pipes or HTML tags (enough to search and
    to quote)."""
    if "[" in markdown:
        markdown = _LINK.sub(r"\1", markdown)
    if "<" in markdown:
        markdown = _HTML_TAG.sub(" ", _AUTOLINK.sub(r"\1", markdown))
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        first = line.lstrip(" \t")[:1]
        if first in _LINE_STARTS and first:
            if _RULE_OR_FENCE.match(line):
                lines[number] = ""
                continue
            line = _LINE_MARKUP.sub("", line, count=1) if _LINE_MARKUP.match(line) else line
            if first == "#":
                line = _HEADING_CLOSE.sub("", line)
            lines[number] = line
    markdown = "\n".join(lines)
    if "*" in markdown or "_" in markdown or "`" in markdown:
        markdown = _EMPHASIS.sub("", markdown)
    if "|" in markdown:
        markdown = _TABLE_PIPES.sub(" ", markdown)
    if "\\" in markdown:
        markdown = _ESCAPED.sub(r"\1", markdown)
    return " ".join(markdown.split())


def stem(word: str) -> str:
    """A crude stem of a folded word, the same for its common forms: "leak", "leaks", "leaking",
    "leaked" and "leaky" give "leak"; "drips" and "dripping" give "drip"; "babies" and "baby"
    give "bab". Not a dictionary form, only a key to compare words by."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if len(word) >= 5 and word.endswith(("ies", "ied")):
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) >= 6 and _VOWELS.intersection(word[:-3]):
        word = _undouble(word[:-3])
    elif (word.endswith("ed") and not word.endswith("eed") and len(word) >= 5
          and _VOWELS.intersection(word[:-2])):
        word = _undouble(word[:-2])
    elif word.endswith("s") and word[-2] not in "sui":
        word = word[:-1]
    if len(word) >= 4 and word[-1] in "ey":
        word = word[:-1]
    return _undouble(word)


def _undouble(word: str) -> str:
    """"dripp" -> "drip": a doubled last consonant, once."""
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in _VOWELS:
        return word[:-1]
    return word


def _is_cjk(word: str) -> bool:
    return not word.isascii() and _CJK_RUN.match(word) is not None


def index_words(text: str) -> list[str]:
    """The words of a folded text to index: its words, and in runs of Chinese characters (which
    have no spaces) every character and every pair of neighbours."""
    words = _WORD.findall(text)
    if text.isascii() or not _CJK_RUN.search(text):
        return words
    out: list[str] = []
    for word in words:
        for piece in _split_cjk(word):
            if _is_cjk(piece):
                out.extend(piece)
                out.extend(piece[i:i + 2] for i in range(len(piece) - 1))
            else:
                out.append(piece)
    return out


def _split_cjk(word: str) -> list[str]:
    """`word` cut into runs of Chinese characters and runs of other characters."""
    pieces: list[str] = []
    at = 0
    for match in _CJK_RUN.finditer(word):
        if match.start() > at:
            pieces.append(word[at:match.start()])
        pieces.append(match.group())
        at = match.end()
    if at < len(word):
        pieces.append(word[at:])
    return pieces


def query_words(query: str) -> list[str]:
    """The words of `query` to look for: folded, without stop words (unless that is all). A run
    of Chinese characters gives its pairs of neighbours ("晚上漏奶": 晚上, 上漏, 漏奶), or the
    character itself when it stands alone."""
    words = _WORD.findall(fold(query))
    if not query.isascii() and _CJK_RUN.search(query):
        split: list[str] = []
        for word in words:
            for piece in _split_cjk(word):
                if _is_cjk(piece) and len(piece) > 1:
                    pairs = [piece[i:i + 2] for i in range(len(piece) - 1)]
                    split.extend(pair for pair in pairs if pair not in CJK_STOP_PAIRS)
                else:
                    split.append(piece)
        words = split or words
    kept = [word for word in words if word not in STOP_WORDS]
    return list(dict.fromkeys(kept or words))


def typo_allowance(word: str) -> int:
    """How many typos a query word may have: none under 4 letters, 1 up to 7, 2 from 8."""
    if not word.isalpha() or len(word) < 4:
        return 0
    return 1 if len(word) <= 7 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment) of `a` and `b`, or `limit` + 1
    as soon as it is known to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def _deletions(word: str, depth: int) -> set[str]:
    """`word` with up to `depth` letters taken out, `word` itself included."""
    found = {word}
    layer = {word}
    for _ in range(depth):
        layer = {w[:i] + w[i + 1:] for w in layer for i in range(len(w))}
        found |= layer
    return found


@dataclass(frozen=True)
class SearchResult:
    """One topic found: the field quoted, a short plain-text quote around the match, the score."""

    topic_id: str
    title: str
    field: str
    snippet: str
    score: float

    @property
    def where(self) -> str:
        """The field as the reader sees it: "title", "keyword", "summary" or "text"."""
        return translated(FIELD_NAMES[self.field])


class _Term:
    """What one query word matches: its topics grouped by score (best first, each topic in one
    group), and the guide words that match it with how well."""

    __slots__ = ("groups", "topics", "words")

    def __init__(self, groups: list[tuple[float, int, set[int]]],
                 words: dict[str, float]) -> None:
        self.groups = groups  # (field weight times match quality, field, topics)
        self.topics: set[int] = set().union(*(members for _, _, members in groups))
        self.words = words  # guide word -> match quality

    def field_of(self, index: int) -> int | None:
        """The field of this word's best match in topic `index`, or None."""
        return next((field for _, field, members in self.groups if index in members), None)

    def score_of(self, index: int) -> float:
        return next((score for score, _, members in self.groups if index in members), 0.0)


class SearchIndex:
    """A search index over every topic of a guide, in reading order."""

    def __init__(self, guide: Guide) -> None:
        self._ids: list[str] = []
        self._texts: list[tuple[str, str, str, str]] = []
        self._folded: list[tuple[str, str, str, str]] = []
        #: word -> one list of topic indexes per field
        postings: dict[str, tuple[list[int], list[int], list[int], list[int]]] = {}
        for index, topic in enumerate(guide.reading_order()):
            texts = (
                safe_text(topic.title, one_line=True),
                safe_text(" · ".join(topic.keywords), one_line=True),
                safe_text(topic.summary, one_line=True),
                safe_text(plain_body(topic.body), one_line=True),
            )
            folded = tuple(fold(text) for text in texts)
            self._ids.append(topic.id)
            self._texts.append(texts)
            self._folded.append(folded)  # type: ignore[arg-type]
            for field, text in enumerate(folded):
                for word in set(index_words(text)):
                    lists = postings.get(word)
                    if lists is None:
                        lists = postings[word] = ([], [], [], [])
                    lists[field].append(index)
        self._postings = postings
        self._vocabulary = sorted(postings)
        self._by_stem: dict[str, list[str]] = {}
        for word in self._vocabulary:
            self._by_stem.setdefault(stem(word), []).append(word)
        self._deletes: dict[str, list[str]] | None = None
        self._deletion_index()  # now rather than on the first typo, a keystroke later
        self._terms: dict[str, _Term] = {}

    def __len__(self) -> int:
        return len(self._ids)

    # -- searching --------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchResult]:
        """Topics matching `query`, best first (reading order breaks ties)."""
        words = query_words(query)
        terms = [self._term(word) for word in words]
        known = [term for term in terms if term.topics]
        if len(known) < len(terms):
            corrected = self.corrected_query(query)
            if corrected:
                return self.search(corrected, limit)
        if not known:
            return []
        total = len(self._ids)
        candidates = self._candidates([term.topics for term in known], total)
        # Topics grouped by score and by how many words they lack: set operations instead of a
        # Python step per topic.
        by_score: dict[tuple[float, int], set[int]] = {(0.0, 0): candidates}
        for term in known:
            idf = math.log(1 + total / len(term.topics))
            regrouped: dict[tuple[float, int], set[int]] = {}
            for (score, lacking), members in by_score.items():
                rest = members
                for term_score, _, topics in term.groups:
                    common = rest & topics
                    if common:
                        key = (score + idf * term_score, lacking)
                        regrouped.setdefault(key, set()).update(common)
                        rest = rest - common
                        if not rest:
                            break
                if rest:
                    regrouped.setdefault((score, lacking + 1), set()).update(rest)
            by_score = regrouped
        # A topic that lacks a word scores less: by the square of the share of words it has.
        scored: dict[float, set[int]] = {}
        for (score, lacking), members in by_score.items():
            scored.setdefault(score * ((len(known) - lacking) / len(known)) ** 2,
                              set()).update(members)
        top: list[tuple[float, int]] = []
        for score in sorted(scored, reverse=True):
            members = scored[score]
            need = limit - len(top)
            chosen = sorted(members) if len(members) <= need else heapq.nsmallest(need, members)
            top.extend((score, i) for i in chosen)
            if len(top) >= limit:
                break
        return [self._result(i, score, known) for score, i in top]

    @staticmethod
    def _candidates(found: list[set[int]], total: int) -> set[int]:
        """The topics to rank, given the topics each query word matches.

        A word found in more than half the topics ("leaking", in a guide about leaking) does
        not narrow the search; it only adds to the score. Of the other words, a topic must
        have all (with one or two words), or all but one (with three or more). When no topic
        does, those with the most of them."""
        narrowing = [topics for topics in found if len(topics) * 2 <= total] or found
        narrowing.sort(key=len)
        everything = narrowing[0].intersection(*narrowing[1:])
        if len(narrowing) >= 3:
            for left_out in range(len(narrowing)):
                others = narrowing[:left_out] + narrowing[left_out + 1:]
                everything |= others[0].intersection(*others[1:])
        if everything:
            return everything
        counts = Counter(i for topics in narrowing for i in topics)
        most = max(counts.values())
        return {i for i, count in counts.items() if count == most}

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """"Did you mean" queries for a query that finds nothing: each of its words that the
        guide does not know replaced by the nearest words the guide does know."""
        words = query_words(query)
        choices: list[list[tuple[int, str]]] = []
        changed = False
        for word in words:
            if self._term(word).topics:
                choices.append([(0, word)])
                continue
            near = self._nearest(word, limit)
            if near:
                changed = True
                choices.append(near)
        if not changed:
            return []
        combos = sorted(product(*choices), key=lambda combo: sum(d for d, _ in combo))
        found: list[str] = []
        for combo in combos:
            suggestion = " ".join(word for _, word in combo)
            if suggestion not in found:
                found.append(suggestion)
            if len(found) == limit:
                break
        return found

    def corrected_query(self, query: str) -> str | None:
        """What `search` looks for instead of `query`, or None when it searches `query` as
        typed: a Chinese run that the guide does not know, read as the one it knows a
        character off ("乳线炎" -> "乳腺炎"; `chinese_correction`)."""
        if query.isascii() or all(self._term(word).topics for word in query_words(query)):
            return None
        return self.chinese_correction(query)

    def chinese_correction(self, query: str) -> str | None:
        """`query` with one character of each unknown Chinese run changed so that the guide
        has every pair of neighbours of the run ("乳线炎" -> "乳腺炎"), or None. Among several
        such characters, the one whose pairs the most topics hold."""
        changed = False
        pieces: list[str] = []
        for piece in _split_cjk(fold(query)):
            if len(piece) >= 3 and _is_cjk(piece) and not any(
                    self._term(pair).topics for pair in query_words(piece)):
                better = self._one_character_off(piece)
                if better:
                    piece, changed = better, True
            pieces.append(piece)
        return "".join(pieces) if changed else None

    def _one_character_off(self, run: str) -> str | None:
        """The run the guide knows that differs from `run` (3 or more Chinese characters) in
        one character, or None."""
        best: tuple[int, str] | None = None
        postings = self._postings
        for at in range(len(run)):
            if at:  # characters that follow the one before in a guide pair
                start = bisect_left(self._vocabulary, run[at - 1])
                end = bisect_left(self._vocabulary, run[at - 1] + "\U0010ffff", start)
                options = {w[1] for w in self._vocabulary[start:end] if len(w) == 2}
            else:
                options = {w[0] for w in self._vocabulary if len(w) == 2 and w[1] == run[1]}
            for char in options - {run[at]}:
                candidate = run[:at] + char + run[at + 1:]
                pairs = [candidate[i:i + 2] for i in range(len(candidate) - 1)]
                if all(pair in postings for pair in pairs):
                    common = min(sum(map(len, postings[pair])) for pair in pairs)
                    if best is None or common > best[0]:
                        best = (common, candidate)
        return best[1] if best else None

    # -- one query word ---------------------------------------------------------------------------
    def _term(self, word: str) -> _Term:
        term = self._terms.get(word)
        if term is None:
            if len(self._terms) >= _TERM_CACHE_SIZE:
                self._terms.clear()
            term = self._terms[word] = self._match(word)
        return term

    def _match(self, word: str) -> _Term:
        words: dict[str, float] = {}
        for known in self._by_stem.get(stem(word), ()):
            words[known] = SAME_WORD if known == word else SAME_STEM
        if word:  # a single letter starts words of titles only (below): "ü" finds few
            vocabulary = self._vocabulary
            start = bisect_left(vocabulary, word)
            end = bisect_left(vocabulary, word + "\U0010ffff", start)
            for known in vocabulary[start:end]:
                words.setdefault(known, WORD_START)
        if not any(quality >= SAME_STEM for quality in words.values()):
            allowance = typo_allowance(word)
            for known, distance in self._typos(word, allowance):
                words.setdefault(known, ONE_TYPO if distance == 1 else TWO_TYPOS)
        tiers: dict[tuple[int, float], set[int]] = {}
        title_only = len(word) == 1
        for known, quality in words.items():
            for field, posting in enumerate(self._postings[known]):
                if posting and not (title_only and field and quality == WORD_START):
                    tiers.setdefault((field, quality), set()).update(posting)
        groups: list[tuple[float, int, set[int]]] = []
        seen: set[int] = set()
        for (field, quality), members in sorted(
                tiers.items(), key=lambda item: -FIELD_WEIGHTS[item[0][0]] * item[0][1]):
            fresh = members - seen
            if fresh:
                groups.append((FIELD_WEIGHTS[field] * quality, field, fresh))
                seen |= fresh
        return _Term(groups, words)

    def _typos(self, word: str, allowance: int) -> list[tuple[str, int]]:
        """Guide words within `allowance` typos of `word`, with their distance."""
        if not allowance:
            return []
        deletes = self._deletion_index()
        candidates: set[str] = set()
        for variant in _deletions(word, allowance):
            candidates.update(deletes.get(variant, ()))
        found = []
        for known in candidates:
            distance = edit_distance(word, known, allowance)
            if 0 < distance <= allowance:
                found.append((known, distance))
        return found

    def _deletion_index(self) -> dict[str, list[str]]:
        """Every guide word of 3 or more letters under each of its deletions (up to two for
        words of 6 letters or more): a word within two typos of a query word shares one."""
        if self._deletes is None:
            deletes: dict[str, list[str]] = {}
            for word in self._vocabulary:
                if len(word) >= 3 and word.isalpha():
                    for variant in _deletions(word, 2 if len(word) >= 6 else 1):
                        deletes.setdefault(variant, []).append(word)
            self._deletes = deletes
        return self._deletes

    def _nearest(self, word: str, limit: int) -> list[tuple[int, str]]:
        """Up to `limit` guide words nearest to `word` (within two typos; three for words of
        nine letters or more), as (distance, word); more common words first among equals."""
        if len(word) < 3 or not word.isalpha():
            return []
        bound = 3 if len(word) >= 9 else 2
        candidates: set[str] = set()
        deletes = self._deletion_index()
        for variant in _deletions(word, 2):
            candidates.update(deletes.get(variant, ()))
        if not candidates and bound > 2:  # rare: a long word, far from every word; one of
            # its ends is most likely right, which spares most of the distances
            candidates = {known for known in self._vocabulary
                          if abs(len(known) - len(word)) <= bound
                          and (known[0] == word[0] or known[-1] == word[-1])}
        found = []
        for known in candidates:
            if known in STOP_WORDS or not known.isalpha():
                continue
            distance = edit_distance(word, known, bound)
            if distance <= bound:
                common = sum(map(len, self._postings[known]))
                found.append((distance, -common, known))
        found.sort()
        return [(distance, known) for distance, _, known in found[:limit]]

    # -- results ----------------------------------------------------------------------------------
    def _result(self, index: int, score: float, terms: list[_Term]) -> SearchResult:
        """The result for topic `index`: quote the best match outside the title (the title is
        shown anyway), or the start of the summary when every word is in the title."""
        texts, folded = self._texts[index], self._folded[index]
        quoted = [(term.score_of(index), field, term) for term in terms
                  if (field := term.field_of(index))]
        if not quoted:
            return SearchResult(self._ids[index], texts[0], "title",
                                _snippet(texts[2], folded[2], 0), score)
        _, field, best = max(quoted, key=lambda item: item[0])
        if field == 1:  # the keywords that match, not a cut through the list
            words = [term.words for _, where, term in quoted if where == 1]
            keywords = [keyword for keyword in texts[1].split(" · ")
                        if any(w in found for w in index_words(fold(keyword))
                               for found in words)]
            snippet = " · ".join(keywords)
            if len(snippet) > SNIPPET_WIDTH:
                snippet = _snippet(snippet, fold(snippet), 0)
        else:
            at = _find_word(folded[field], best.words)
            snippet = _snippet(texts[field], folded[field], at)
        return SearchResult(self._ids[index], texts[0], FIELDS[field], snippet, score)


def _find_word(folded: str, words: dict[str, float]) -> int:
    """Where the best-matching of `words` first occurs in `folded` as a whole word, or 0."""
    best = max(words.values(), default=0.0)
    exact = [word for word, quality in words.items() if quality == best]
    if len(exact) <= 8:  # a few words: find each (quick), at word boundaries only
        found = [at for word in exact if (at := _find_whole(folded, word)) != -1]
        if found:
            return min(found)
    at, quality = 0, -1.0
    for match in _WORD.finditer(folded):
        match_quality = words.get(match.group())
        if match_quality is not None and match_quality > quality:
            at, quality = match.start(), match_quality
            if quality >= best:
                break
    return at


def _find_whole(folded: str, word: str) -> int:
    """Where `word` occurs in `folded` as a whole word (Chinese: anywhere), or -1."""
    at = folded.find(word)
    if _is_cjk(word):
        return at
    while at != -1:
        end = at + len(word)
        if (at == 0 or not folded[at - 1].isalnum() and folded[at - 1] != "_") and (
                end == len(folded) or not folded[end].isalnum() and folded[end] != "_"):
            return at
        at = folded.find(word, at + 1)
    return -1


def _snippet(text: str, folded: str, at: int) -> str:
    """About SNIPPET_WIDTH characters of `text` around offset `at` of its folded form."""
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
