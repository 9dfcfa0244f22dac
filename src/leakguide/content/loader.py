"""Read a guide file and return either a Guide or every problem found in it."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterator
from itertools import repeat
from operator import is_not
from pathlib import Path
from typing import Any

import tomli

from . import schema
from .files import NotARegularFile, open_regular
from .model import (
    OPTIONAL_URGENCY_LEVELS,
    SCREEN_KINDS,
    TOPIC_KINDS,
    UNNAMED,
    URGENCY_LEVELS,
    Answer,
    Flow,
    Guide,
    GuideInfo,
    Label,
    Outcome,
    Question,
    Section,
    Source,
    Topic,
    Urgency,
    unnamed,
)
from .problems import ERROR, TOML_SYNTAX, Problem
from .sourcemap import KeyPath, SourceMap

MAX_GUIDE_BYTES = 5 * 1024 * 1024
SUPPORTED_FORMATS = (1,)


class LoadResult:
    """The outcome of loading: `guide` is None when any error was found."""

    def __init__(self, path: str, guide: Guide | None, problems: list[Problem] | None = None):
        self.path = path
        self.guide = guide
        self.problems: list[Problem] = [] if problems is None else problems

    def __repr__(self) -> str:
        return f"LoadResult(path={self.path!r}, guide={self.guide!r}, problems={self.problems!r})"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return self.guide is not None and not self.errors


class Origins:
    """Where each object came from in the file: key paths by id, for locating later problems."""

    def __init__(self) -> None:
        self.labels: dict[str, KeyPath] = {}
        self.urgencies: dict[str, KeyPath] = {}
        self.topics: dict[str, KeyPath] = {}
        self.sections: dict[str, KeyPath] = {}
        self.sources: dict[str, KeyPath] = {}
        self.questions: dict[str, KeyPath] = {}
        self.answers: dict[tuple[str, str], KeyPath] = {}
        self.outcomes: dict[str, KeyPath] = {}
        #: Set when a question lost an answer to a problem of its own: flow checks would mislead.
        self.incomplete_flow = False
        #: Set when a topic's place in the tree is wrong (no `section` or `parent`, or both;
        #: reported): the checks of the whole tree would mislead.
        self.incomplete_topics = False
        #: Answers left out for naming both or neither of `next` and `outcome` (reported), as
        #: (question id, answer id, next, outcome): the flow checks still count where they lead,
        #: so one bad answer does not hide the flow's other problems.
        self.dropped_answers: list[tuple[str, str, str | None, str | None]] = []
        #: The topics' values by field, in the order of `Guide.topics`, when built in bulk.
        self.topic_columns: dict[str, list] | None = None


def read_guide_text(path: str | os.PathLike[str]) -> tuple[str | None, Problem | None]:
    """Read a guide's text, or explain in one problem why it cannot be read."""
    target = Path(path)

    def fail(message: str) -> tuple[None, Problem]:
        """A problem with what the path names (nothing there, a directory, a device, no
        permission): there is no text to point into, so no line and column."""
        return None, Problem(0, 0, ERROR, message)

    def fail_at_start(message: str) -> tuple[None, Problem]:
        """A problem with the file's content as a whole: shown at its start, 1:1."""
        return None, Problem(1, 1, ERROR, message)

    try:
        if target.is_dir():
            return fail("is a directory, not a guide file")
        size = target.stat().st_size  # a FIFO says 0: open_regular refuses it
        if size > MAX_GUIDE_BYTES:
            return fail_at_start(
                f"is {size:,} bytes; a guide may be at most {MAX_GUIDE_BYTES:,} bytes"
            )
        with open_regular(target) as handle:
            data = handle.read(MAX_GUIDE_BYTES + 1)
    except NotARegularFile as exc:
        return fail(f"is {exc.kind}, not a guide file")
    except FileNotFoundError:
        return fail("no such file")
    except PermissionError:
        return fail("permission denied: cannot read the file")
    except OSError as exc:
        return fail(f"cannot read the file: {exc.strerror or exc}")
    if len(data) > MAX_GUIDE_BYTES:
        return fail_at_start(f"is larger than {MAX_GUIDE_BYTES:,} bytes, the most a guide may be")
    if not data.lstrip(b" \t\r\n"):  # lstrip: no copy of a file that starts with text
        return fail_at_start("the file is empty")
    if _looks_like_utf16(data):  # (its NULs are valid UTF-8: the TOML error would mislead)
        return fail_at_start("the file is not UTF-8 text (it looks like UTF-16); save it as UTF-8")
    nul = data.find(b"\0")
    if nul != -1:  # no text holds one (TOML forbids it): a stray one, or a program, an image...
        line = data[:nul].count(b"\n") + 1
        col = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        return None, Problem(line, col, ERROR, "a NUL byte: a guide is text, and text has "
                             "none (delete it here; a program or an image is not a guide)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(line, col, ERROR, "the file is not valid UTF-8 text")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def _looks_like_utf16(data: bytes) -> bool:
    """True for a UTF-16 byte-order mark, or when most of the first bytes at even or at odd
    offsets are NUL and at most half of the others are: ASCII text in UTF-16 (or UTF-32),
    little- or big-endian. (A binary such as an ELF program has NULs at both.)"""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:512]
    half = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return half >= 4 and max(even, odd) * 4 >= half * 3 and min(even, odd) * 2 <= half


def load_guide(path: str | os.PathLike[str], languages: tuple[str, ...] = (), *,
               translation_checks: bool = True, read_in: str | None = None) -> LoadResult:
    """Read, parse and validate a guide file. Translations are checked against their English
    (completeness, staleness, lists of the same length, the same links) in every language the
    file has and in `languages`, unless `translation_checks` is False: an English reader
    needs only the English checked.

    `read_in` is for a reader's start: the language they read in. The values of the other
    languages' translations are then neither checked nor kept (nothing shows them); `check`
    never passes it, so it reports every language. The translation a reader reads is always
    checked against its English, `translation_checks` or not: a translated outcome that
    lost one of its warning signs must not reach them."""
    text, problem = read_guide_text(path)
    if text is None:
        return LoadResult(str(path), None, [problem] if problem else [])
    return load_guide_text(text, str(path), languages, translation_checks=translation_checks,
                           read_in=read_in)


def _syntax_problems(text: str, exc: tomli.TOMLDecodeError) -> list[Problem]:
    """The TOML syntax errors of `text`, tomli's first (`exc`) and one per table after it,
    in an author's words."""
    from .toml_recovery import header_lines, more_syntax_errors, toml_error
    from .toml_words import author_message, one_bracket_header

    first = toml_error(exc)
    headers = header_lines(text.split("\n"))
    header = one_bracket_header(text, None if headers is None else set(headers))
    if header is not None:  # the likely cause, far above where the parser stopped
        at_line, at_col, name = header
        return [Problem(
            at_line, at_col, ERROR,
            f"{TOML_SYNTAX}`[{name}]` needs two brackets, `[[{name}]]`: a guide has many "
            f"of them, each its own table (the parser stopped at line {first.line}: "
            f"{author_message(first.message, text, first.line)})")]
    others, unreported = more_syntax_errors(text, first, headers)
    problems = [Problem(error.line, error.col, ERROR,
                        f"{TOML_SYNTAX}{author_message(error.message, text, error.line)}")
                for error in (first, *others)]
    if unreported is not None:
        problems.append(Problem(
            unreported.line, unreported.col, ERROR,
            f"{TOML_SYNTAX}more errors from here on; {len(problems)} are reported above: "
            "fix them and check again"))
    return problems


def load_guide_text(text: str, path: str = "<guide>", languages: tuple[str, ...] = (), *,
                    translation_checks: bool = True, read_in: str | None = None) -> LoadResult:
    """Parse and validate guide text (and its translations, as `load_guide` does)."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        return LoadResult(path, None, _syntax_problems(text, exc))
    except (ValueError, RecursionError) as exc:  # tomli raises these for a few pathological inputs
        return LoadResult(path, None, [Problem(1, 1, ERROR, f"{TOML_SYNTAX}{exc}")])
    source_map = SourceMap(text)
    checker = schema.Checker(source_map, read_in)
    with _no_collection_of_young_objects():
        guide, origins = build_guide(data, checker, path, languages)
        if guide is not None:
            from .validate import validate

            validate(guide, origins, checker, source_map)
            reads_a_translation = read_in is not None and read_in != "en"
            if guide.translations and (translation_checks or reads_a_translation):
                from .translations import check_translations

                check_translations(guide, checker, languages)
    problems = sorted(set(checker.problems))
    has_errors = any(p.is_error for p in problems)
    return LoadResult(path, None if has_errors else guide, problems)


@contextlib.contextmanager
def _no_collection_of_young_objects() -> Iterator[None]:
    """Pause the cyclic garbage collector while a guide is built and checked.

    Building a guide makes tens of thousands of objects that all live as long as the guide, so
    every collection in the meantime (one per 700 of them) looks through the newest ones and
    frees nothing. The collector is enabled again only if it was enabled before: a pause never
    outlasts the load, even when other code or another thread pauses it too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_guide(
    data: dict[str, Any], checker: schema.Checker, path: str = "",
    languages: tuple[str, ...] = (),
) -> tuple[Guide | None, Origins]:
    """Turn parsed TOML into a Guide, reporting schema problems to `checker`.

    Its translations are collected when it has any, or `languages` asks for them.
    The guide is None only when the data is not a table at all. Missing or broken parts get
    stand-ins so that every later rule still runs; such a guide has errors in `checker` and must
    not be used. Objects with problems of their own are left out, so later checks do not repeat
    them.
    """
    origins = Origins()
    root = checker.table(data, schema.ROOT_FIELDS, ())
    if root is None:
        return None, origins
    format_version = root.get("format")
    if format_version is not None and format_version not in SUPPORTED_FORMATS:
        supported = ", ".join(str(v) for v in SUPPORTED_FORMATS)
        checker.report(("format",), f"unsupported format {format_version}; supported: {supported}")

    info = _build_info(root.get("guide"), checker)
    labels = _keyed_tables(
        root.get("labels"), "labels", schema.LABEL_FIELDS, checker, origins.labels
    )
    urgencies = _keyed_tables(
        root.get("urgency"), "urgency", schema.URGENCY_FIELDS, checker, origins.urgencies
    )
    for urgency_id in origins.urgencies:
        if urgency_id not in URGENCY_LEVELS:
            checker.report(
                ("urgency", urgency_id),
                f"unknown urgency level `{urgency_id}`; the levels are "
                + ", ".join(URGENCY_LEVELS),
            )
    for level in URGENCY_LEVELS:
        if level in OPTIONAL_URGENCY_LEVELS:
            continue
        if "urgency" in root and level not in origins.urgencies:
            checker.report(("urgency",), f"missing urgency level `{level}`")

    sources = _id_tables(root.get("source"), "source", schema.SOURCE_FIELDS, checker,
                         origins.sources)
    sections = _id_tables(root.get("section"), "section", schema.SECTION_FIELDS, checker,
                          origins.sections)
    topic_objects = _plain_topics(root.get("topic"), checker, origins)
    if topic_objects is None:
        topics = _id_tables(
            root.get("topic"), "topic", schema.TOPIC_FIELDS, checker, origins.topics
        )
        topic_objects = _build_topics(topics, origins, checker)
    flow = _build_flow(root.get("flow"), checker, origins)

    # A missing or broken [guide] or [flow] is reported already. Stand-ins let every other rule
    # still run, so one run reports every problem; a guide with errors is never handed out.
    if flow is None:
        flow = Flow(title="", intro="", start="", questions={}, outcomes={})
    guide = Guide(
        format=format_version or 0,
        info=info,
        labels={k: Label(k, v["name"], v["description"]) for k, v in labels.items()},
        urgencies={
            k: Urgency(k, v["name"], v["marker"], v["description"])
            for k, v in urgencies.items()
            if k in URGENCY_LEVELS
        },
        sources={k: Source(k, v["title"], v["publisher"], v["url"]) for k, v in sources.items()},
        sections={k: Section(k, v["title"], v["summary"]) for k, v in sections.items()},
        topics=topic_objects,
        flow=flow,
        path=path,
    )
    if checker.translations or languages:
        from .translations import collect

        guide = guide._replace(
            translations=collect(guide, origins, checker.translations, checker.invalid)
        )
    return guide, origins


def _build_info(data: Any, checker: schema.Checker) -> GuideInfo:
    """The `[guide]` table; missing or broken values (reported already) get stand-ins."""
    values = checker.table(data, schema.GUIDE_FIELDS, ("guide",)) if data is not None else None
    values = values or {}
    return GuideInfo(
        title=values.get("title", ""),
        summary=values.get("summary", ""),
        language=values.get("language", ""),
        reviewed=values.get("reviewed", dt.date.min),
        review_due=values.get("review_due"),
        disclaimer=values.get("disclaimer", ""),
    )


#: What stands in for a required value that is missing or wrong (reported already), by kind.
_STAND_INS: dict[str, Any] = {
    "text": "", "ref": "", "url": "", "date": dt.date.min, "int": 0, "bool": False,
}


def _with_stand_ins(
    values: dict[str, Any], fields: dict[str, schema.Field], path: KeyPath,
    checker: schema.Checker,
) -> dict[str, Any]:
    """`values` with a stand-in for each required value that is missing or wrong (reported
    already, and marked invalid so that no rule reports its stand-in), so the item is still
    built and the rest of it checked: one missing key does not hide its other problems."""
    for name, field in fields.items():
        if name not in values and field.kind in _STAND_INS:
            values[name] = _STAND_INS[field.kind]
            checker.invalid.add((*path, name))
    return values


def _keyed_tables(
    data: Any,
    name: str,
    fields: dict[str, schema.Field],
    checker: schema.Checker,
    origins: dict[str, KeyPath],
) -> dict[str, dict[str, Any]]:
    """Tables keyed by id, like `[labels.clinical]`."""
    out: dict[str, dict[str, Any]] = {}
    if data is None:
        return out
    for key, value in data.items():
        values = checker.table(value, fields, (name, key))
        if not schema.KEBAB_ID.match(key):
            checker.report(
                (name, key), f"`{key}` is not a kebab-case id (lowercase letters, digits, -)"
            )
            continue  # its values are checked (above), but nothing can refer to it
        origins[key] = (name, key)
        if values is not None:
            out[key] = _with_stand_ins(values, fields, (name, key), checker)
    return out


def _id_tables(
    data: Any,
    name: str,
    fields: dict[str, schema.Field],
    checker: schema.Checker,
    origins: dict[str, KeyPath],
    base: KeyPath = (),
) -> dict[str, dict[str, Any]]:
    """Arrays of tables with an `id` each, like `[[topic]]`; duplicates are reported.

    A table whose id is missing, wrong or taken already (reported) is kept under a stand-in id
    that no reference can name (see `unnamed`), so the rest of it is still checked."""
    out: dict[str, dict[str, Any]] = {}
    for index, value in enumerate(data or ()):
        path = (*base, name, index)
        values = checker.table(value, fields, path)
        if values is None:
            continue
        item_id = values.get("id")
        if item_id is not None and (item_id in out or item_id in origins):
            first = checker.source_map.find((*origins[item_id], "id"))
            where = f" (first defined on line {first.line})" if first else ""
            checker.report((*path, "id"), f"duplicate {name} id `{item_id}`{where}")
            checker.invalid.add((*path, "id"))
            item_id = None
        if item_id is None:
            item_id = f"{UNNAMED}{index + 1}"
            checker.invalid.add((*path, "id"))
        origins[item_id] = path
        out[item_id] = _with_stand_ins(values, fields, path, checker)
    return out


def _home_section(
    topic_id: str,
    parents: dict[str, str | None],
    sections: dict[str, str | None],
    homes: dict[str, str],
) -> str:
    """The section of the topic's outermost ancestor ("" if the chain breaks or loops).

    `parents` and `sections` hold every topic's own values; `homes` remembers answers, and every
    topic on a walked chain shares the chain's answer.
    """
    chain: list[str] = []
    seen: set[str] = set()
    current = topic_id if topic_id in parents else None
    while current is not None and parents[current] is not None:
        if current in homes:
            home = homes[current]
            break
        if current in seen:
            home = ""
            break
        chain.append(current)
        seen.add(current)
        parent = parents[current]
        current = parent if parent in parents else None
    else:
        home = (sections[current] or "") if current is not None else ""
    for walked in chain:
        homes[walked] = home
    return home


def _build_topics(
    topics: dict[str, dict[str, Any]], origins: Origins, checker: schema.Checker
) -> dict[str, Topic]:
    parents = {topic_id: values["parent"] for topic_id, values in topics.items()}
    sections = {topic_id: values["section"] for topic_id, values in topics.items()}
    homes: dict[str, str] = {}
    built: dict[str, Topic] = {}
    for topic_id, values in topics.items():
        path = origins.topics[topic_id]
        if unnamed(topic_id):
            origins.incomplete_topics = True  # the tree checks would miss it
        section, parent = values["section"], values["parent"]
        # A problem of the topic's own is reported and the topic still built (its key marked
        # invalid, so no rule reports it again), so that the rest of it is checked too.
        home: str | None = None
        if section is None and parent is None:
            if not any(checker.is_invalid((*path, key)) for key in ("section", "parent")):
                named = "a topic" if unnamed(topic_id) else f"topic `{topic_id}`"
                checker.report(path, f"{named} needs a `section` or a `parent`")
            checker.invalid.add((*path, "section"))
            origins.incomplete_topics = True
            home = ""
        elif section is not None and parent is not None:
            checker.report((*path, "parent"), "give either `section` or `parent`, not both")
            checker.invalid.add((*path, "parent"))
            origins.incomplete_topics = True
            home, parent = section, None
        if values["kind"] not in TOPIC_KINDS:
            if not checker.is_invalid((*path, "kind")):
                checker.report(
                    (*path, "kind"),
                    f"unknown topic kind `{values['kind']}`; kinds are "
                    + ", ".join(TOPIC_KINDS),
                )
            checker.invalid.add((*path, "kind"))
        built[topic_id] = _new_topic(
            (
                topic_id,
                values["title"],
                home if home is not None else _home_section(topic_id, parents, sections, homes),
                parent,
                values["kind"],
                values["summary"],
                values["body"],
                values["evidence"],
                values["sources"],
                values["keywords"],
                values["see_also"],
            )
        )
    return built


def _without_translations(data: Any, checker: schema.Checker) -> Any:
    """The topics with their translation sub-tables checked (by `checker`) and taken out, so the
    bulk path sees only English keys. Anything not a list of tables is returned as it is."""
    if type(data) is not list:
        return data
    from .translations import LANGUAGES

    out = []
    for index, item in enumerate(data):
        if type(item) is dict and any(language in item for language in LANGUAGES):
            item = dict(item)
            for language in LANGUAGES:
                if language in item:
                    checker.translation(item.pop(language), "topic", ("topic", index, language))
        out.append(item)
    return out


def _plain_topics(
    data: Any, checker: schema.Checker, origins: Origins
) -> dict[str, Topic] | None:
    """Every topic, built in bulk, when none of them has a problem `_id_tables` or
    `_build_topics` would report; None means "build them one by one" and is never a verdict."""
    plain = checker.plain_tables(_without_translations(data, checker), schema.TOPIC_FIELDS,
                                 _TOPIC_COLUMNS)
    if plain is None:
        return None
    rows, columns = plain
    ids, sections, parents = columns["id"], columns["section"], columns["parent"]
    count = len(ids)
    if len(set(ids)) != count or not set(columns["kind"]) <= _TOPIC_KIND_SET:
        return None
    # Exactly one of `section` and `parent` each: never both None, and None `count` times.
    if not all(map(is_not, sections, parents)) or (
        sections.count(None) + parents.count(None) != count
    ):
        return None
    homes: dict[str, str] = {}
    lookups: tuple[dict, dict] | None = None
    for topic_id, section, parent in zip(ids, sections, parents, strict=True):
        if parent is None:
            homes[topic_id] = section
        elif parent in homes:  # a parent earlier in the file: the usual order
            homes[topic_id] = homes[parent]
        else:
            lookups = lookups or (
                dict(zip(ids, parents, strict=True)), dict(zip(ids, sections, strict=True))
            )
            _home_section(topic_id, *lookups, homes)
    columns["section"] = sections = list(map(homes.__getitem__, ids))
    schema._set_all(rows, "section", sections)
    paths = list(zip(repeat("topic"), range(count), strict=False))
    origins.topics.update(zip(ids, paths, strict=True))
    origins.topic_columns = columns
    checker.names.update(zip(paths, ids, strict=True))
    built: dict[str, Topic] = {}
    for topic_id, row in zip(ids, rows, strict=True):
        # Each row holds a Topic's fields in order (see _new_topic).
        built[topic_id] = _make_topic(row.values())
    return built


_TOPIC_KIND_SET = frozenset(TOPIC_KINDS)
#: The topic values the loader and the validator read by field (Origins.topic_columns).
_TOPIC_COLUMNS = frozenset(
    ("id", "section", "parent", "kind", "body", "evidence", "sources", "see_also")
)


def _new_topic(values: tuple) -> Topic:
    """`Topic(*values)`: a Topic's fields, in order."""
    return _make_topic(values)


_make_topic = Topic._make


def _build_flow(data: Any, checker: schema.Checker, origins: Origins) -> Flow | None:
    if data is None:
        return None
    values = checker.table(data, schema.FLOW_FIELDS, ("flow",))
    if values is None:
        return None
    questions: dict[str, Question] = {}
    raw_questions = _id_tables(
        values.get("question"), "question", schema.QUESTION_FIELDS, checker,
        origins.questions, ("flow",),
    )
    if any(map(unnamed, raw_questions)):
        origins.incomplete_flow = True  # nothing can lead to it: the graph checks would mislead
    for question_id, q in raw_questions.items():
        q_path = origins.questions[question_id]
        answer_origins: dict[str, KeyPath] = {}
        raw_answers = _id_tables(
            q["answer"], "answer", schema.ANSWER_FIELDS, checker, answer_origins, q_path
        )
        if any(map(unnamed, raw_answers)):
            origins.incomplete_flow = True
        answers = []
        for answer_id, a in raw_answers.items():
            a_path = answer_origins[answer_id]
            origins.answers[(question_id, answer_id)] = a_path
            if (a["next"] is None) == (a["outcome"] is None):
                if not (checker.is_invalid((*a_path, "next"))
                        or checker.is_invalid((*a_path, "outcome"))):
                    checker.report(a_path, "an answer needs exactly one of `next` or `outcome`")
                    origins.dropped_answers.append(
                        (question_id, answer_id, a["next"], a["outcome"]))
                continue
            answers.append(Answer(answer_id, a["label"], a["next"], a["outcome"], a["preview"]))
        dropped = sum(1 for dropped in origins.dropped_answers if dropped[0] == question_id)
        if len(answers) + dropped != len(q["answer"]):
            origins.incomplete_flow = True  # an answer was left out; its problem is reported
        questions[question_id] = Question(
            question_id, q["text"], q["why"], q["red_flags"], tuple(answers),
            _screen(q, q_path, checker),
        )
    outcomes = {
        outcome_id: Outcome(
            outcome_id, o["title"], o["urgency"], o["evidence"], o["body"], o["recommend"],
            o["get_help_if"], o["sources"],
        )
        for outcome_id, o in _id_tables(
            values.get("outcome"), "outcome", schema.OUTCOME_FIELDS, checker,
            origins.outcomes, ("flow",),
        ).items()
    }
    if any(map(unnamed, outcomes)):
        origins.incomplete_flow = True
    # A missing title or start is reported already; "" stands in so the other rules still run.
    return Flow(
        values.get("title", ""), values["intro"], values.get("start", ""), questions, outcomes
    )


def _screen(values: dict[str, Any], path: KeyPath, checker: schema.Checker) -> str | None:
    """A question's `screen`: one of SCREEN_KINDS, on a red-flags question only. A wrong one is
    reported and read as None (its key marked invalid, so the screen rules stay quiet)."""
    screen = values["screen"]
    if screen is None:
        return None
    screen_path = (*path, "screen")
    if screen not in SCREEN_KINDS:
        checker.report(
            screen_path,
            f"unknown screen `{screen}`; screens are " + ", ".join(SCREEN_KINDS),
        )
    elif not values["red_flags"] and not checker.is_invalid((*path, "red_flags")):
        checker.report(
            screen_path,
            f"`screen = \"{screen}\"` is only allowed on a question with `red_flags = true`: "
            "a screen asks about warning signs",
        )
    else:
        return screen
    checker.invalid.add(screen_path)
    return None
