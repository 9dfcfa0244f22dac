"""The shape of a guide file: which tables and keys exist, and the type of each value."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container
from functools import partial
from itertools import chain
from operator import is_not, itemgetter
from typing import Any, NamedTuple

from .problems import ERROR, Problem
from .sourcemap import KeyPath, Position, SourceMap
from .unsafe import UNSAFE_PATTERN, decode_references, find_unsafe_shown

KEBAB_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Field(NamedTuple):
    """One key of a table. `kind` is one of the names in `_CHECKS`."""

    name: str
    kind: str
    required: bool = True
    default: Any = None


def _fields(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


GUIDE_FIELDS = _fields(
    Field("title", "text"),
    Field("summary", "text"),
    Field("language", "text"),
    Field("reviewed", "date"),
    Field("review_due", "date", required=False),
    Field("disclaimer", "text"),
)
LABEL_FIELDS = _fields(Field("name", "text"), Field("description", "text"))
URGENCY_FIELDS = _fields(
    Field("name", "text"), Field("marker", "text"), Field("description", "text")
)
SOURCE_FIELDS = _fields(
    Field("id", "id"), Field("title", "text"), Field("publisher", "text"), Field("url", "url")
)
SECTION_FIELDS = _fields(
    Field("id", "id"), Field("title", "text"), Field("summary", "text", required=False, default="")
)
TOPIC_FIELDS = _fields(
    Field("id", "id"),
    Field("title", "text"),
    Field("section", "ref", required=False),
    Field("parent", "ref", required=False),
    Field("kind", "text", required=False, default="info"),
    Field("summary", "text"),
    Field("body", "text"),
    Field("evidence", "ref", required=False),
    Field("sources", "refs", required=False, default=()),
    Field("keywords", "texts", required=False, default=()),
    Field("see_also", "refs", required=False, default=()),
)
FLOW_FIELDS = _fields(
    Field("title", "text"),
    Field("intro", "text", required=False, default=""),
    Field("start", "ref"),
    Field("question", "tables"),
    Field("outcome", "tables"),
)
QUESTION_FIELDS = _fields(
    Field("id", "id"),
    Field("text", "text"),
    Field("why", "text"),
    Field("red_flags", "bool", required=False, default=False),
    Field("screen", "text", required=False),
    Field("answer", "tables", required=False, default=()),
)
ANSWER_FIELDS = _fields(
    Field("id", "id"),
    Field("label", "text"),
    Field("next", "ref", required=False),
    Field("outcome", "ref", required=False),
    Field("preview", "text", required=False, default=""),
)
OUTCOME_FIELDS = _fields(
    Field("id", "id"),
    Field("title", "text"),
    Field("urgency", "ref"),
    Field("evidence", "ref"),
    Field("body", "text"),
    Field("recommend", "refs", required=False, default=()),
    Field("get_help_if", "texts", required=False, default=()),
    Field("sources", "refs", required=False, default=()),
)
ROOT_FIELDS = _fields(
    Field("format", "int"),
    Field("guide", "table"),
    Field("labels", "table"),
    Field("urgency", "table"),
    Field("source", "tables"),
    Field("section", "tables"),
    Field("topic", "tables"),
    Field("flow", "table"),
)

#: The kind of translatable item (a key of `translations.TRANSLATABLE`) each table is.
_TRANSLATABLE_TABLES: dict[int, str] = {
    id(GUIDE_FIELDS): "guide", id(LABEL_FIELDS): "label", id(URGENCY_FIELDS): "urgency",
    id(SOURCE_FIELDS): "source", id(SECTION_FIELDS): "section", id(TOPIC_FIELDS): "topic",
    id(FLOW_FIELDS): "flow", id(QUESTION_FIELDS): "question", id(ANSWER_FIELDS): "answer",
    id(OUTCOME_FIELDS): "outcome",
}


def translatable_kind(fields: dict[str, Field]) -> str | None:
    """The kind of item a table of `fields` is, when it may carry translations."""
    return _TRANSLATABLE_TABLES.get(id(fields))


def translation_fields(kind: str) -> dict[str, Field]:
    """The keys of a `[ITEM.LANG]` sub-table of an item of `kind`: its translatable keys and
    `from`, all optional."""
    from .translations import TRANSLATABLE

    own = {**GUIDE_FIELDS, **LABEL_FIELDS, **SOURCE_FIELDS, **TOPIC_FIELDS, **FLOW_FIELDS,
           **QUESTION_FIELDS, **ANSWER_FIELDS, **OUTCOME_FIELDS}
    return _fields(
        *(Field(name, own[name].kind, required=False) for name in TRANSLATABLE[kind]),
        Field("from", "fingerprint", required=False),
    )


_TYPE_NAMES = {
    "text": "a string",
    "id": "a kebab-case id string",
    "ref": "an id string",
    "url": "a URL string",
    "refs": "an array of id strings",
    "texts": "an array of strings",
    "date": "a date such as 2026-01-31",
    "int": "an integer",
    "bool": "true or false",
    "table": "a table",
    "tables": "an array of tables ([[...]])",
    "fingerprint": "8 hexadecimal digits (written by `leakguide stamp`)",
}


def toml_type(value: Any) -> str:
    """How TOML would name the type of a parsed value."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


#: The control characters TOML lets a string spell with a letter (`\\e` since TOML 1.1).
_SHORT_ESCAPES = {0x08: r"\\b", 0x0C: r"\\f", 0x0D: r"\\r", 0x1B: r"\\e"}


class Checker:
    """Collects problems while checking raw TOML data against the field specs."""

    def __init__(self, source_map: SourceMap, read_in: str | None = None) -> None:
        self.source_map = source_map
        #: With a language, only its translation sub-tables are checked and kept (a reader is
        #: shown no other language); None checks and keeps every language, as `check` does.
        self.read_in = read_in
        self.problems: list[Problem] = []
        self.names: dict[KeyPath, str] = {}
        #: Keys whose values had problems (reported already); rules that would read the default
        #: put in their place skip them, so one mistake is reported once.
        self.invalid: set[KeyPath] = set()
        # With no backslash, strings hold only characters written literally in the file; if none
        # of those is unsafe, no string is, and text values need no check of their own.
        self._raw_text_is_safe = _raw_text_is_safe(source_map.text)
        #: Checked translation sub-tables: {key path of the item: {language: values}}.
        self.translations: dict[KeyPath, dict[str, dict[str, Any]]] = {}

    def is_invalid(self, path: KeyPath) -> bool:
        """Whether the value at `path` had a problem of its own."""
        return tuple(path) in self.invalid

    def report(self, path: KeyPath, message: str, severity: str = ERROR,
               at: Position | None = None) -> None:
        """Record a problem at `path`, located in the file where possible (at `at`, if
        given)."""
        from .problems import format_key_path

        position = at or (self.source_map.find(path) if path else Position(1, 1))
        key_path = format_key_path(path, self.names)
        if position is None:
            self.problems.append(Problem(0, 0, severity, message, key_path))
        else:
            full = f"{key_path}: {message}" if key_path else message
            self.problems.append(Problem(position.line, position.col, severity, full, key_path))

    def table(self, data: Any, fields: dict[str, Field], path: KeyPath) -> dict[str, Any] | None:
        """Check one table; return its values (defaults filled in) or None if it is not a table."""
        if not isinstance(data, dict):
            self.report(path, f"expected a table, found {toml_type(data)}")
            return None
        item_id = data.get("id") if "id" in fields else None
        if isinstance(item_id, str) and path and isinstance(path[-1], int):
            self.names[path] = item_id
        clean: dict[str, Any] = {}
        safe_text = self._raw_text_is_safe
        for key, value in data.items():
            field = fields.get(key)
            if field is None:
                kind = translatable_kind(fields)
                if kind is not None and self.translation(value, kind, (*path, key)):
                    continue
                import difflib  # only a guide with mistakes pays for it

                from .translations import LANGUAGES

                known = [*fields, *LANGUAGES] if kind is not None else list(fields)
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                allowed = ", ".join(known)
                self.report((*path, key), f"unknown key `{key}`{hint}; allowed here: {allowed}")
                continue
            # Fast acceptance of the common valid values; anything else gets the full check.
            kind = field.kind
            if type(value) is str:
                if kind == "text":
                    if (value and not value.isspace() and (safe_text or _no_controls(value))
                            and _visible(value)):
                        clean[key] = value
                        continue
                elif (kind == "id" or kind == "ref") and _is_kebab(value) is not None:
                    clean[key] = value
                    continue
            elif type(value) is list:
                if kind == "refs":
                    try:
                        if all(map(_is_kebab, value)):
                            clean[key] = tuple(value)
                            continue
                    except TypeError:  # an item that is not a string
                        pass
                elif kind == "texts" and _plain_texts(value, safe_text):
                    clean[key] = tuple(value)
                    continue
            reported = len(self.problems)
            checked = self.value(value, field, (*path, key))
            if len(self.problems) > reported:
                self.invalid.add((*path, key))
            if checked is not _INVALID:
                clean[key] = checked
            elif not field.required:
                clean[key] = field.default  # reported already; the default avoids follow-on noise
        for field in fields.values():
            if field.name not in data:
                if field.required:
                    self.report(path, f"missing required key `{field.name}`")
                    self.invalid.add((*path, field.name))  # rules on its stand-in stay quiet
                else:
                    clean.setdefault(field.name, field.default)
        return clean

    def translation(self, data: Any, kind: str, path: KeyPath) -> bool:
        """Check `data` as the translation sub-table at `path` (ending in its language tag) of
        an item of `kind`, and keep its values; False when the last key is no language tag."""
        from .translations import LANGUAGES

        language = path[-1]
        if language not in LANGUAGES:
            return False
        if self.read_in is not None and language != self.read_in:
            return True  # a known language the reader does not read: never shown, not kept
        values = self.table(data, translation_fields(kind), path)
        if values is not None:
            kept = {key: value for key, value in values.items() if value is not None}
            self.translations.setdefault(tuple(path[:-1]), {})[str(language)] = kept
        return True

    def plain_tables(
        self, items: Any, fields: dict[str, Field], keep: Container[str] = ()
    ) -> tuple[list[dict[str, Any]], dict[str, list]] | None:
        """What `table()` would return for each table of an array, and the values of the keys
        in `keep` by key, when it would accept every table as it is; None means "check them one
        by one" and is never a verdict.

        Each table is read once (merged over the defaults) and each key's values are checked in
        a few passes in C, instead of a pass in Python over each table and key. The tables come
        with every key, in field order. Only the kinds of value topics have are handled.
        """
        if type(items) is not list or not items or set(map(type, items)) != {dict}:
            return None
        blank = _blank_table(fields)
        rows = list(map(blank.__or__, items))
        if set(map(len, rows)) != {len(blank)}:
            return None  # an unknown key
        columns: dict[str, list] = {}
        try:
            for name, field in fields.items():
                # A missing required key is _MISSING, which fails the checks (neither a non-empty
                # string nor an id); TOML has no null, so None is a missing optional key.
                column = list(map(itemgetter(name), rows))
                values = column
                if not field.required and field.default is None:
                    values = list(filter(_is_not_none, column))
                kind = field.kind
                if kind in ("refs", "texts"):
                    if not set(map(type, values)) <= {list, tuple}:  # tuple: the default
                        return None
                    column = list(map(tuple, column))
                    _set_all(rows, name, column)
                    values = list(chain.from_iterable(values))
                    kind = kind[:-1]
                if kind == "text":
                    if not self._all_plain_texts(values):
                        return None
                elif kind not in ("id", "ref") or not _all_kebab(values):
                    return None  # not a kebab-case id, or a kind only `table()` checks
                if name in keep:
                    columns[name] = column
        except TypeError:  # a value that is not a string
            return None
        return rows, columns

    def _all_plain_texts(self, values: list) -> bool:
        """Whether every value is a non-blank string without unsafe characters (False: check
        them one by one; TypeError for a value that is not a string)."""
        return all(values) and not any(map(str.isspace, values)) and (
            self._raw_text_is_safe or _no_controls("\n".join(values))
        ) and all(map(_visible, values))

    def value(self, value: Any, field: Field, path: KeyPath) -> Any:
        """Check one value against its field; return it (lists as tuples) or `_INVALID`."""
        kind = field.kind
        expected = _TYPE_NAMES[kind]
        if kind in ("text", "id", "ref", "url", "fingerprint"):
            if not isinstance(value, str):
                self.report(path, f"expected {expected}, found {toml_type(value)}")
                return _INVALID
            return self._string(value, kind, path)
        if kind in ("refs", "texts"):
            if not isinstance(value, list):
                self.report(path, f"expected {expected}, found {toml_type(value)}")
                return _INVALID
            items = []
            for index, item in enumerate(value):
                item_path = (*path, index)
                if not isinstance(item, str):
                    self.report(item_path, f"expected a string, found {toml_type(item)}")
                    continue
                checked = self._string(item, "ref" if kind == "refs" else "text", item_path)
                if checked is not _INVALID:
                    items.append(checked)
            return tuple(items)
        if kind == "date":
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
                self.report(path, f"expected {expected}, found {toml_type(value)}")
                return _INVALID
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.report(path, f"expected {expected}, found {toml_type(value)}")
                return _INVALID
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                self.report(path, f"expected {expected}, found {toml_type(value)}")
                return _INVALID
            return value
        if kind == "table":
            if not isinstance(value, dict):
                self.report(path, f"expected {expected}, found {toml_type(value)}")
                return _INVALID
            return value
        if kind == "tables":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                self.report(path, f"expected {expected}, found {toml_type(value)}")
                return _INVALID
            return value
        raise AssertionError(kind)

    def _character_position(self, path: KeyPath, character: str) -> Position | None:
        """Where `character` of the string at `path` is written: itself, or as an escape
        (\\u, \\U, \\x, \\e...). An invisible character is hard to find from its key's line
        alone."""
        source = self.source_map.value_source(path)
        if source is None:
            return None
        start, raw = source
        code = ord(character)
        spellings = [re.escape(character), f"\\\\u{code:04x}", f"\\\\U{code:08x}"]
        if code < 0x100:
            spellings.append(f"\\\\x{code:02x}")  # TOML 1.1
        if code in _SHORT_ESCAPES:
            spellings.append(_SHORT_ESCAPES[code])
        spelled = re.search("|".join(spellings), raw, re.IGNORECASE)
        return self.source_map.position(start + spelled.start()) if spelled else None

    def _string(self, value: str, kind: str, path: KeyPath) -> Any:
        bad = find_unsafe_shown(value)
        if bad is not None:
            spelled = "" if bad in value else " (written as a character reference)"
            if ord(bad) >= 0x2000:
                kind, why = "bidirectional", "it could make the text read in another order"
            else:
                kind, why = "control", "content must not be able to send escape sequences to " \
                    "a terminal"
            self.report(path, f"contains the {kind} character U+{ord(bad):04X}{spelled}; "
                        f"delete it: {why}", at=self._character_position(path, bad))
            return _INVALID
        if not value.strip():
            self.report(path, "must not be empty")
            return _INVALID
        if not _visible(value):
            self.report(path, "must have a visible character (it holds only invisible ones)")
            return _INVALID
        if kind in ("id", "ref") and not KEBAB_ID.match(value):
            self.report(path, f"`{value}` is not a kebab-case id (lowercase letters, digits, -)")
            return _INVALID
        if kind == "fingerprint" and not re.match(r"^[0-9a-f]{8}\Z", value):
            self.report(path, f"`{value}` is not 8 hexadecimal digits; run `leakguide stamp` "
                        "to write the fingerprint")
            return _INVALID
        if kind == "url" and not re.match(r"^https?://\S+$", value):
            self.report(path, f"`{value}` is not an http(s) URL")
            return _INVALID
        return value


_INVALID = object()
#: Unicode categories a reader cannot see: format characters (zero-width space, joiners, word
#: joiner, implicit direction marks), separators other than the ordinary space, controls.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Cc", "Cs", "Co", "Cn", "Mn", "Me"})
_INVISIBLE_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # Hangul fillers, blank Braille


def _visible(value: str) -> bool:
    """True when `value`, with its character references decoded, has a character a reader can
    see (not only spaces, zero-width and format characters)."""
    import unicodedata

    if value.isascii() and "&#" not in value:
        return True  # not all spaces: `value.strip()` was checked first
    for char in decode_references(value):
        if char.isspace() or char in _INVISIBLE_EXTRA:
            continue
        if unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            return True
    return False

_find_unsafe = UNSAFE_PATTERN.search
_is_kebab = KEBAB_ID.match


_MISSING = object()
_is_not_none = partial(is_not, None)


def _blank_table(fields: dict[str, Field]) -> dict[str, Any]:
    """Every key of `fields` in order, with its default (or _MISSING when it is required)."""
    return {name: _MISSING if f.required else f.default for name, f in fields.items()}


def _set_all(rows: list[dict[str, Any]], key: str, values: list) -> None:
    """`row[key] = value` for each row and value."""
    for row, value in zip(rows, values, strict=True):
        row[key] = value


_KEBAB_CHARACTERS = b"abcdefghijklmnopqrstuvwxyz0123456789-"


def _all_kebab(ids: list) -> bool:
    """Whether every one of `ids` is a kebab-case id; several times faster than a `KEBAB_ID`
    match each. False may also mean "not sure" (an id ending in a newline).

    Joined by spaces (which no id holds: one space fewer than ids), they are valid when only id
    characters and spaces remain, and no `-` or space starts, ends or doubles a part.
    """
    if not ids:
        return True
    joined = " ".join(ids)  # TypeError for an item that is not a string
    return (
        joined.isascii()
        and not joined.encode("ascii").translate(None, _KEBAB_CHARACTERS + b" ")
        and joined.count(" ") == len(ids) - 1
        and joined[:1] not in ("", "-", " ")
        and joined[-1] not in ("-", " ")
        and "--" not in joined
        and " -" not in joined
        and "- " not in joined
        and "  " not in joined
    )


def _plain_texts(value: list, safe_text: bool) -> bool:
    """A quick yes for a valid list of texts; False means "check fully"."""
    try:
        joined = "\n".join(value)
    except TypeError:  # an item that is not a string
        return False
    return (all(value) and not any(map(str.isspace, value)) and all(map(_visible, value))
            and (safe_text or _no_controls(joined)))


def _raw_text_is_safe(text: str) -> bool:
    """True when no string in this TOML text (which tomli has accepted) can hold an unsafe
    character.

    TOML forbids the ASCII controls other than tab and newline anywhere in a document, written
    raw (tomli rejects them), so with no backslash to escape one an ASCII text holds none; in
    other text the raw C1 and bidirectional characters are looked for.
    """
    if "\\" in text or "&#" in text:
        return False  # An escape such as \u0007, or a reference such as &#x202e;, could make one.
    return text.isascii() or _no_controls(text)


def _no_controls(value: str) -> bool:
    """True when `value` has no unsafe character, written or referenced (checked quickly when
    it is printable and holds no reference)."""
    if "&#" in value:
        return find_unsafe_shown(value) is None
    if value.replace("\n", "").replace("\t", "").isprintable():
        return True  # Every unsafe character is non-printable.
    return _find_unsafe(value) is None
