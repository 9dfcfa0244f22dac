"""A seeded monkey for the app: every bound key, printable characters, arrows, Escape, Tab
and terminal resizes, driven through Pilot. Used by the test suite (2,000 events) and by
`benchmarks/soak.py` (10,000)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass

from leakguide.textual_private import driver_of

#: Keys that would end the run; everything else bound anywhere is fair game.
QUIT_KEYS = frozenset({"q", "ctrl+q", "ctrl+c", "ctrl+d"})
NAVIGATION = ("up", "down", "left", "right", "home", "end", "pageup", "pagedown", "tab",
              "shift+tab", "escape", "enter", "backspace", "delete", "space")
SIZES = ((80, 24), (60, 20), (40, 12), (20, 6), (120, 40), (100, 30), (30, 10), (19, 5))
PRINTABLE = "".join(c for c in string.ascii_letters + string.digits + string.punctuation + " "
                    if c != "q")


def _binding_keys(bindings) -> Iterator[tuple[str, str]]:
    for binding in bindings:
        if isinstance(binding, tuple):
            keys, action = binding[0], binding[1]
        else:
            keys, action = binding.key, binding.action
        for key in str(keys).split(","):
            yield key.strip(), str(action)


def bound_keys() -> list[str]:
    """Every key bound by the app, its screens and its widgets (quitting keys left out)."""
    from leakguide.app import LeakGuideApp

    classes: list[type] = [LeakGuideApp]
    for package_name in ("leakguide.screens", "leakguide.widgets"):
        package = importlib.import_module(package_name)
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{module_info.name}")
            classes += [c for _, c in inspect.getmembers(module, inspect.isclass)
                        if c.__module__ == module.__name__]
    keys: set[str] = set()
    for cls in classes:
        for klass in cls.__mro__:
            for key, action in _binding_keys(klass.__dict__.get("BINDINGS", ())):
                if key and key not in QUIT_KEYS and action != "quit":
                    keys.add(_pilot_key(key))
    return sorted(keys)


def _pilot_key(key: str) -> str:
    return {"question_mark": "question_mark", "slash": "slash"}.get(key, key)


@dataclass(frozen=True)
class Event:
    kind: str  # "key" or "resize"
    key: str = ""
    size: tuple[int, int] = (80, 24)


def events(seed: int, count: int, keys: list[str]) -> list[Event]:
    """`count` seeded random events: bound keys, navigation, printable text and resizes."""
    rng = random.Random(seed)
    result: list[Event] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.03:
            result.append(Event("resize", size=rng.choice(SIZES)))
        elif roll < 0.50:
            result.append(Event("key", key=rng.choice(keys)))
        elif roll < 0.80:
            result.append(Event("key", key=rng.choice(NAVIGATION)))
        else:
            result.append(Event("key", key=rng.choice(PRINTABLE)))
    return result


async def run_monkey(app, pilot, seed: int, count: int, burst: int = 12) -> list[Event]:
    """Play the events on a running app, keys in bursts of up to `burst` (as they arrive from
    a fast typist or a slow link), waiting for the screen to settle after each burst."""
    played = events(seed, count, bound_keys())
    pending = 0
    for index, event in enumerate(played):
        if event.kind == "resize":
            await pilot.resize_terminal(*event.size)  # waits for the new layout
            pending = 0
        else:
            driver_of(app).send_message(_key_event(app, event.key))
            pending += 1
            if pending >= burst:
                await pilot._wait_for_screen()
                pending = 0
        if app.return_code is not None or not app.is_running:
            before = played[max(0, index - 24):index + 1]
            recent = ", ".join(e.key or f"resize{e.size}" for e in before)
            raise AssertionError(f"the app stopped after event {index} (seed {seed}): ...{recent}")
    await pilot.pause()
    return played


def _key_event(app, key: str):
    """The Key event Pilot would send for `key` (a key name or a character)."""
    import unicodedata

    from textual import events as textual_events
    from textual.keys import (
        REPLACED_KEYS,
        _character_to_key,
        _get_unicode_name_from_key,
    )

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = textual_events.Key(key, char)
    event.set_sender(app)
    return event
