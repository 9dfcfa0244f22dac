"""The reader's own keys: a keys.toml that maps binding ids to keys (Textual's `App.set_keymap`).

```toml
[browse]
search = "s"            # one key
[app]
quit = "q,ctrl+q"       # or several, comma-separated (a list of strings works too)
```

A bad entry (an id no binding has, a key name Textual does not know, a key that another key
of the same screen already uses) is reported as `FILE:LINE:COL: warning: ...`, like `leakguide
check`, and left out: that binding keeps its default key, and the app starts all the same.
`leakguide keys` prints the map in force, `leakguide keys --defaults` the built-in one.

Sentences that name a key ("b goes back") name it by binding id, `{browse.back}`, and
`with_reader_keys` puts in the key the reader has now, as help and the keys line show it.

Which bindings can clash: the app's own (they work everywhere) with any other, and those of one
screen module (a screen and the widgets its module uses) with each other. Only clashes the
reader's file makes are reported; the defaults' own overlaps (Backspace goes back on every
screen) are by design.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .content.problems import WARNING, Problem
from .content.unsafe import printable

if TYPE_CHECKING:
    from textual.dom import DOMNode

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
KEYS_FILE = "keys.toml"
#: The search screen's keys that act while the reader types: a character cannot be one.
SEARCH_FIELD_IDS = frozenset({"search.cancel", "search.back", "search.up", "search.down",
                              "search.page-up", "search.page-down", "results.open"})


class BindingInfo(NamedTuple):
    """One binding a reader can remap."""

    id: str
    keys: tuple[str, ...]
    description: str
    #: The groups it is active in (screen modules), or () for the app's own (active everywhere).
    groups: frozenset[str]


class LoadedKeymap(NamedTuple):
    """The usable part of a keys file, and what was wrong with the rest."""

    keymap: dict[str, str]
    problems: list[Problem]


def default_keys_path() -> Path:
    """`$XDG_CONFIG_HOME/leakguide/keys.toml` (on Linux `~/.config/leakguide/keys.toml`)."""
    base = os.environ.get("XDG_CONFIG_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "leakguide" / KEYS_FILE
    import platformdirs

    return Path(platformdirs.user_config_dir("leakguide", appauthor=False)) / KEYS_FILE


def known_bindings() -> dict[str, BindingInfo]:
    """Every binding with an id, by id (imports the app and its screens: Textual)."""
    import importlib
    import inspect

    from textual.binding import Binding
    from textual.dom import DOMNode

    from .app import LeakGuideApp

    def own_bindings(cls: type) -> list[Binding]:
        return [b for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding) and b.id]

    found: dict[str, BindingInfo] = {}

    def add(cls: type, groups: frozenset[str]) -> None:
        for binding in own_bindings(cls):
            assert binding.id is not None
            keys = tuple(k.strip() for k in binding.key.split(",") if k.strip())
            old = found.get(binding.id)
            if old is not None and old.groups:
                groups = old.groups | groups
            found[binding.id] = BindingInfo(binding.id, keys, binding.description, groups)

    add(LeakGuideApp, frozenset())
    for name in ("browse", "flow", "outcome", "search", "help", "restart", "too_small"):
        module = importlib.import_module(f"leakguide.screens.{name}")
        classes: set[type] = set()
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, DOMNode):
                classes.update(c for c in value.__mro__
                               if c.__module__.startswith("leakguide."))
        for cls in classes:
            if cls is not LeakGuideApp:
                add(cls, frozenset({name}))
    return found


def _key_is_known(key: str) -> bool:
    """Whether Textual can name `key` ("ctrl+q", "pageup", "slash", "/", "f5", "ä")."""
    from textual.keys import Keys

    *modifiers, name = key.split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    if name in {k.value for k in Keys} or name in ("space", "tab", "enter", "escape",
                                                      "backspace", "delete"):
        return True
    try:
        unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        return False
    return True


def _types_a_character(key: str) -> bool:
    """Whether `key` (normalized) types into a text field: a character with no Ctrl/Alt."""
    from textual.keys import key_to_character

    character = key_to_character(key.removeprefix("shift+"))
    return character is not None and (character.isprintable() or character == " ")


def _normalize(key: str) -> str:
    """One key as Textual names it in bindings: "?" -> "question_mark", "Ctrl+Q" -> "ctrl+q"
    (what Textual's own `_character_to_key` does, which is private)."""
    from textual.keys import KEY_NAME_REPLACEMENTS

    *modifiers, name = key.strip().split("+")
    modifiers = [m.lower() for m in modifiers]
    if len(name) != 1:
        name = name.lower()
    elif not name.isalnum():
        with contextlib.suppress(ValueError):
            name = unicodedata.name(name).lower().replace("-", "_").replace(" ", "_")
        name = KEY_NAME_REPLACEMENTS.get(name, name)
    return "+".join([*modifiers, name])


def _flatten(table: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterable[
        tuple[tuple[str, ...], Any]]:
    for key, value in table.items():
        path = (*prefix, key)
        if isinstance(value, dict):
            yield from _flatten(value, path)
        else:
            yield path, value


def load_keymap(path: str | os.PathLike[str],
                bindings: Mapping[str, BindingInfo] | None = None) -> LoadedKeymap:
    """Read a keys file: the entries that can be used, and a problem for each one that cannot.
    Never raises for a bad file (a missing or unreadable one is a problem too)."""
    import tomli

    from .content.sourcemap import SourceMap

    bindings = known_bindings() if bindings is None else bindings
    problems: list[Problem] = []
    try:
        text = Path(path).read_bytes().decode("utf-8")
        data = tomli.loads(text)
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, ValueError,
            RecursionError) as exc:
        line = getattr(exc, "lineno", 0) or 0
        col = getattr(exc, "colno", 0) or 0
        reason = (getattr(exc, "msg", None) or getattr(exc, "strerror", None)
                  or str(exc).split(" (at ")[0])
        message = f"cannot use this keys file ({reason}); the built-in keys are used"
        return LoadedKeymap({}, [Problem(line, col, WARNING, message)])
    where = SourceMap(text)

    def problem(path: tuple[str, ...], message: str, at_value: bool = False) -> None:
        span = where.value(path) if at_value else None
        position = span.start if span is not None else where.find(path)
        line, col = (position.line, position.col) if position else (0, 0)
        problems.append(Problem(line, col, WARNING, message, ".".join(path)))

    # Start from the defaults; take the file's entries in order, each only if it is usable.
    current: dict[str, tuple[str, ...]] = {b.id: b.keys for b in bindings.values()}
    keymap: dict[str, str] = {}
    for key_path, value in _flatten(data):
        binding_id = ".".join(key_path)
        info = bindings.get(binding_id)
        if info is None:
            close = _close_ids(binding_id, bindings)
            hint = f" (did you mean {close}?)" if close else " (`leakguide keys` lists them)"
            problem(key_path, f"no key binding has the id {binding_id!r}{hint}")
            continue
        raw = value.split(",") if isinstance(value, str) else value
        if not isinstance(raw, list) or not raw or not all(isinstance(k, str) for k in raw):
            problem(key_path, f"{binding_id}: give the key as a string, like \"ctrl+s\", or "
                    "several as \"a,b\"; this binding keeps its default key", at_value=True)
            continue
        unknown = [k.strip() for k in raw if not _key_is_known(_normalize(k))]
        if unknown:
            problem(key_path, f"{binding_id}: unknown key name {unknown[0]!r} (names like "
                    "\"x\", \"ctrl+x\", \"f5\", \"pageup\", \"slash\"); this binding keeps "
                    f"its default key {', '.join(info.keys)!r}", at_value=True)
            continue
        keys = tuple(dict.fromkeys(_normalize(k) for k in raw))
        typed = [k.strip() for k in raw
                 if binding_id in SEARCH_FIELD_IDS and _types_a_character(_normalize(k))]
        if typed:
            problem(key_path, f"{binding_id}: {typed[0]!r} types a character, which the search "
                    "field needs; give a key like \"ctrl+x\", \"f5\" or \"escape\"; this "
                    f"binding keeps its default key {', '.join(info.keys)!r}", at_value=True)
            continue
        clash = _clash(binding_id, keys, current, bindings)
        if clash is not None:
            other, key = clash
            problem(key_path, f"{binding_id}: {key!r} is already the key of {other} "
                    f"({bindings[other].description or 'no description'}) on the same "
                    f"screen; this binding keeps its default key {', '.join(info.keys)!r}",
                    at_value=True)
            continue
        current[binding_id] = keys
        keymap[binding_id] = ",".join(keys)
    return LoadedKeymap(keymap, problems)


def _shares_a_screen(a: BindingInfo, b: BindingInfo) -> bool:
    return not a.groups or not b.groups or bool(a.groups & b.groups)


def _clash(binding_id: str, keys: tuple[str, ...], current: Mapping[str, tuple[str, ...]],
           bindings: Mapping[str, BindingInfo]) -> tuple[str, str] | None:
    """(other id, key) when `keys` for `binding_id` would share a key with another binding
    active on the same screen, where the defaults do not already share it."""
    info = bindings[binding_id]
    for other_id, other_keys in current.items():
        if other_id == binding_id or not _shares_a_screen(info, bindings[other_id]):
            continue
        for key in keys:
            if key in other_keys and key not in bindings[other_id].keys or (
                    key in other_keys and key not in info.keys):
                return other_id, key
    return None


def _close_ids(binding_id: str, bindings: Mapping[str, BindingInfo]) -> str:
    import difflib

    close = difflib.get_close_matches(binding_id, list(bindings), n=1)
    return close[0] if close else ""


def keys_toml(bindings: Mapping[str, BindingInfo], keymap: Mapping[str, str] | None = None,
              source: str = "") -> str:
    """The map as a keys.toml a reader can edit: a table per area, a comment with what each
    key does. `keymap` (the reader's) overrides the defaults."""
    keymap = keymap or {}
    lines = [
        "# leakguide keys. Save as ~/.config/leakguide/keys.toml (or pass --keys FILE),",
        "# change the keys you want and delete the rest. Several keys: \"a,b\". Key names:",
        "# letters, digits, up, down, left, right, enter, escape, tab, backspace, space,",
        "# home, end, pageup, pagedown, f1-f12, slash, question_mark; with ctrl+, shift+, alt+.",
    ]
    if source:
        lines.append(f"# From: {printable(source)}")
    sections: dict[str, list[BindingInfo]] = {}
    for info in bindings.values():
        area, _, _name = info.id.partition(".")
        sections.setdefault(area, []).append(info)
    for area in sorted(sections, key=lambda a: (a != "app", a)):
        lines += ["", f"[{area}]"]
        for info in sorted(sections[area], key=lambda i: i.id):
            name = info.id.partition(".")[2]
            keys = keymap.get(info.id) or ",".join(info.keys)
            comment = f"  # {info.description}" if info.description else ""
            lines.append(f"{name} = \"{keys}\"{comment}")
    return "\n".join(lines) + "\n"


#: A key named in a sentence: `{browse.back}` (the first key), `{tree.expand:all}` (every key).
_KEY_IN_TEXT = re.compile(r"\{([a-z]+\.[a-z0-9-]+)(?::(all|[1-9]))?\}")


def reader_key_names(node: DOMNode, binding_id: str) -> list[str]:
    """The keys of binding `binding_id` as the reader has them now (their keymap applied) and
    as help and the keys line name them ("b", "Backspace", "→"): looked for on `node`, its
    screen, the widgets on it and the app, then among every binding (`known_bindings`)."""
    from textual.binding import Binding
    from textual.dom import NoScreen
    from textual.screen import Screen

    from .textual_private import node_bindings

    app = node.app
    keymap: Mapping[str, str] = getattr(app, "reader_keymap", None) or {}
    candidates: list[DOMNode] = [node]
    screen = node if isinstance(node, Screen) else None
    if screen is None:
        with contextlib.suppress(NoScreen):  # not on a screen yet
            screen = node.screen
    if screen is not None:
        candidates += [screen, *screen.query("*")]
    names: list[str] = []
    for candidate in [*candidates, app]:
        for binding in node_bindings(candidate, keymap):
            if binding.id == binding_id and app.get_key_display(binding) not in names:
                names.append(app.get_key_display(binding))
        if names:
            return names
    info = _bindings_by_id().get(binding_id)  # on a screen not shown now
    if info is None:
        return []
    keys = keymap.get(binding_id, "").split(",") if binding_id in keymap else info.keys
    for key in keys:
        shown = app.get_key_display(Binding(key, ""))
        if shown not in names:
            names.append(shown)
    return names


@functools.cache
def _bindings_by_id() -> dict[str, BindingInfo]:
    return known_bindings()


def with_reader_keys(node: DOMNode, text: str) -> str:
    """`text` with each `{binding.id}` replaced by the reader's first key for it, and each
    `{binding.id:all}` by all of them ("→ or l"), and `{binding.id:2}` by the first two. An id
    not found is left as it is."""
    from .i18n import _

    def key_names(match: re.Match[str]) -> str:
        names = reader_key_names(node, match[1])
        if not names:
            return match[0]
        if not match[2]:
            return names[0]
        return _(" or ").join(names if match[2] == "all" else names[:int(match[2])])

    return _KEY_IN_TEXT.sub(key_names, text)
