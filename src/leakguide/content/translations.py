"""Translations held in the guide file: which keys each item may translate, where they stand,
their fingerprints, and the guide as a reader of one language sees it.

A translated item carries a sub-table named after the language tag, right after its own keys
(`[topic.zh-CN]`), holding translated values of the same keys and `from`, the fingerprint of the
English it was made from. See docs/guide-format.md, "Translations".
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any, NamedTuple

from .sourcemap import KeyPath

#: Language tags a guide may carry translations in (besides its own language, English).
LANGUAGES: tuple[str, ...] = ("zh-CN",)

#: The keys each kind of item may translate, in the fixed order fingerprints use.
TRANSLATABLE: Mapping[str, tuple[str, ...]] = {
    "guide": ("title", "summary", "disclaimer"),
    "label": ("name", "description"),
    "urgency": ("name", "description"),
    "source": ("title", "url"),
    "section": ("title", "summary"),
    "topic": ("title", "summary", "body", "keywords"),
    "flow": ("title", "intro"),
    "question": ("text", "why"),
    "answer": ("label", "preview"),
    "outcome": ("title", "body", "get_help_if"),
}
#: Kinds whose translation is optional: a source is translated only where the same publisher
#: has the page in the language.
OPTIONAL_KINDS: frozenset[str] = frozenset({"source"})
#: Shown after English text that stands in for a missing translation, in the reader's language
#: (ENGLISH_MARK where a language has no word of its own).
ENGLISH_MARK = " (English)"
ENGLISH_MARKS: dict[str, str] = {"zh-CN": "（英文）"}

FINGERPRINT_LENGTH = 8


class Item(NamedTuple):
    """One translatable item: its kind and id ("" for [guide] and [flow]; "QUESTION/ANSWER" for
    an answer), the key path of its English table, its English values of the translatable keys
    (only those it has), and its translations by language (each with `from` when stamped)."""

    kind: str
    id: str
    path: KeyPath
    english: Mapping[str, Any]
    texts: Mapping[str, Mapping[str, Any]]
    #: Translatable keys whose English is missing or wrong (reported already): what is
    #: compared with the English leaves them out, and no fingerprint can be judged.
    broken: frozenset[str] = frozenset()

    def missing(self, language: str) -> tuple[str, ...]:
        """The English keys with no translation in `language`."""
        have = self.texts.get(language, {})
        return tuple(key for key in self.english if key not in have)

    def fingerprint(self, language: str) -> str:
        """The fingerprint of the English values of the keys translated in `language`."""
        keys = [key for key in self.english if key in self.texts.get(language, {})]
        return fingerprint({key: self.english[key] for key in keys})

    def state(self, language: str) -> str:
        """"missing", "partial", "unstamped", "stale" or "current"."""
        text = self.texts.get(language)
        if not text or not set(text) - {"from"}:
            return "missing"
        if self.missing(language):
            return "partial"
        stamp = text.get("from")
        if stamp is None:
            return "unstamped"
        return "current" if stamp == self.fingerprint(language) else "stale"


def fingerprint(values: Mapping[str, Any]) -> str:
    """First 8 hex digits of the SHA-256 of the values in key order: each key, a NUL, the value
    (a list's items joined by U+001F), and a NUL; UTF-8."""
    import hashlib

    digest = hashlib.sha256()
    for key, value in values.items():
        text = "\x1f".join(value) if isinstance(value, (list, tuple)) else str(value)
        digest.update(f"{key}\0{text}\0".encode())
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def _english(values: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The item's values of its translatable keys, leaving out empty ones."""
    return {key: values[key] for key in TRANSLATABLE[kind] if values.get(key)}


def collect(guide: Any, origins: Any, found: Mapping[KeyPath, Mapping[str, Mapping[str, Any]]],
            invalid: Container[KeyPath] = frozenset()) -> dict[tuple[str, str], Item]:
    """Every translatable item of `guide`, with the translations `found` at its key path;
    `invalid` holds the key paths of values that are missing or wrong (reported already)."""
    items: dict[tuple[str, str], Item] = {}

    def add(kind: str, item_id: str, path: KeyPath, values: Mapping[str, Any]) -> None:
        path = tuple(path)
        broken = frozenset(key for key in TRANSLATABLE[kind] if (*path, key) in invalid)
        items[(kind, item_id)] = Item(kind, item_id, path, _english(values, kind),
                                      dict(found.get(path, {})), broken)

    add("guide", "", ("guide",), guide.info._asdict())
    for label in guide.labels.values():
        add("label", label.id, origins.labels[label.id], label._asdict())
    for urgency in guide.urgencies.values():
        add("urgency", urgency.id, origins.urgencies[urgency.id], urgency._asdict())
    for source in guide.sources.values():
        add("source", source.id, origins.sources[source.id], source._asdict())
    for section in guide.sections.values():
        add("section", section.id, origins.sections[section.id], section._asdict())
    for topic in guide.topics.values():
        add("topic", topic.id, origins.topics[topic.id], topic._asdict())
    flow = guide.flow
    add("flow", "", ("flow",), {"title": flow.title, "intro": flow.intro})
    for question in flow.questions.values():
        add("question", question.id, origins.questions[question.id], question._asdict())
        for answer in question.answers:
            path = origins.answers[(question.id, answer.id)]
            add("answer", f"{question.id}/{answer.id}", path, answer._asdict())
    for outcome in flow.outcomes.values():
        add("outcome", outcome.id, origins.outcomes[outcome.id], outcome._asdict())
    return items


def guide_languages(guide: Any) -> tuple[str, ...]:
    """The languages `guide` has any translation in, in `LANGUAGES` order."""
    present = {language for item in guide.translations.values() for language in item.texts}
    return tuple(language for language in LANGUAGES if language in present)


_TOPIC_LINK = None


def _link_targets(text: str) -> set[str]:
    import re

    global _TOPIC_LINK
    if _TOPIC_LINK is None:
        _TOPIC_LINK = re.compile(r"\]\(\s*<?topic:([a-z0-9-]+)")
    return set(_TOPIC_LINK.findall(text))


def _check_links(checker: Any, where: KeyPath, translated: str, english: str,
                 topics: Container[str]) -> None:
    """A link to no topic of the guide is an error, as in the English; links to other topics
    than the English's are a warning."""
    from .problems import WARNING

    targets, english_targets = _link_targets(translated), _link_targets(english)
    dead = sorted(target for target in targets if target not in topics)
    if dead:
        links = ", ".join(f"`topic:{target}`" for target in dead)
        checker.report(where, f"links to {links}, which is not a topic of the guide (the "
                       "English links to " + _listed(english_targets) + ")")
    elif targets != english_targets:
        checker.report(where, f"links to {_listed(targets)}; the English links to "
                       f"{_listed(english_targets)} (keep each link's target)", WARNING)


def _listed(targets: set[str]) -> str:
    return ", ".join(f"`topic:{target}`" for target in sorted(targets)) or "no topic"


def check_translations(guide: Any, checker: Any, languages: tuple[str, ...] = ()) -> None:
    """Report, for each language the guide has or `languages` names: missing translations
    (warnings), stale and unstamped ones (warnings), and translations that do not fit their
    English (a list of another length or a link to no topic: errors; other links or an extra
    key: warnings)."""
    from .problems import WARNING

    wanted = [lang for lang in LANGUAGES if lang in languages or lang in guide_languages(guide)]
    unstamped: dict[str, list[KeyPath]] = {}
    for item in guide.translations.values():
        for language in wanted:
            text = item.texts.get(language, {})
            where = (*item.path, language) if language in item.texts else item.path
            missing = item.missing(language)
            if item.kind in OPTIONAL_KINDS and not text:
                continue
            if missing:
                keys = ", ".join(f"`{key}`" for key in missing)
                checker.report(where, f"no {language} text for {keys}", WARNING)
            for key in text:
                if key not in ("from", "keywords", *item.broken) and key not in item.english:
                    checker.report((*where, key), f"translates `{key}`, which the English "
                                   "does not have", WARNING)
            english_list = item.english.get("get_help_if")
            if english_list is not None and "get_help_if" in text and (
                    len(text["get_help_if"]) != len(english_list)):
                items = len(text["get_help_if"])
                checker.report((*where, "get_help_if"),
                               f"has {items} item{'' if items == 1 else 's'}; the English has "
                               f"{len(english_list)} (same order, one for one)")
            for key in ("body", "summary", "why", "intro"):
                if key in text and key in item.english:
                    _check_links(checker, (*where, key), text[key], item.english[key],
                                 guide.topics)
            if missing or not text or item.broken:
                continue  # (with broken English, no fingerprint can be judged)
            state = item.state(language)
            if state == "unstamped":
                unstamped.setdefault(language, []).append(where)
            elif state == "stale":
                checker.report((*where, "from"), f"the {language} translation is stale: the "
                               "English has changed since it was made; update the translation, "
                               "then run `leakguide stamp`", WARNING)
    for language, places in unstamped.items():
        count = f"{len(places)} {language} translations are" if len(places) > 1 else (
            f"the {language} translation is")
        checker.report(places[0], f"{count} not stamped with the English they were made from "
                       f"(first here); once they are checked, run `leakguide stamp --lang "
                       f"{language} FILE`", WARNING)


def completeness(guide: Any, language: str) -> tuple[int, int, int, int]:
    """(items translated and current, stale or unstamped, missing or partial, all) in
    `language`; optional items count only when translated."""
    current = outdated = missing = total = 0
    for item in guide.translations.values():
        state = item.state(language)
        if item.kind in OPTIONAL_KINDS and state == "missing":
            continue
        total += 1
        if state == "current":
            current += 1
        elif state in ("stale", "unstamped"):
            outdated += 1
        else:
            missing += 1
    return current, outdated, missing, total


def localized(guide: Any, language: str) -> Any:
    """`guide` as a reader of `language` sees it: each reader-facing string in that language,
    or in English marked (ENGLISH_MARKS) when it has no translation. English: `guide` itself."""
    if language not in LANGUAGES:
        return guide
    items = guide.translations
    mark = ENGLISH_MARKS.get(language, ENGLISH_MARK)

    def pick(kind: str, item_id: str, english: Any, key: str) -> Any:
        item = items.get((kind, item_id))
        text = item.texts.get(language, {}) if item is not None else {}
        if key in text:
            if key == "keywords":
                return tuple(dict.fromkeys((*text[key], *english)))
            return text[key]
        if not english or key in ("keywords", "url"):
            return english
        if isinstance(english, tuple):
            return tuple(line + mark for line in english)
        if key in ("body", "intro"):
            return f"*{mark.strip()}*\n\n{english}"
        return english + mark

    def swap(kind: str, item_id: str, value: Any) -> Any:
        changes = {key: pick(kind, item_id, getattr(value, key), key)
                   for key in TRANSLATABLE[kind] if key in value._fields}
        return value._replace(**changes)

    info = swap("guide", "", guide.info)._replace(language=language)
    flow = guide.flow
    questions = {
        qid: swap("question", qid, q)._replace(answers=tuple(
            swap("answer", f"{qid}/{a.id}", a) for a in q.answers))
        for qid, q in flow.questions.items()
    }
    flow = flow._replace(
        title=pick("flow", "", flow.title, "title"), intro=pick("flow", "", flow.intro, "intro"),
        questions=questions,
        outcomes={oid: swap("outcome", oid, o) for oid, o in flow.outcomes.items()},
    )
    return guide._replace(
        info=info,
        labels={k: swap("label", k, v) for k, v in guide.labels.items()},
        urgencies={k: swap("urgency", k, v) for k, v in guide.urgencies.items()},
        sources={k: swap("source", k, v) for k, v in guide.sources.items()},
        sections={k: swap("section", k, v) for k, v in guide.sections.items()},
        topics={k: swap("topic", k, v) for k, v in guide.topics.items()},
        flow=flow,
    )
