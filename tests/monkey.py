"""A seeded monkey for the app: every bound key, printable characters, arrows, Escape, Tab
and terminal resizes, driven through Pilot. Used by the test suite (2,000 events) and by
`benchmarks/soak.py` (10,000). `terminal_events` is the same monkey as raw terminal bytes
(keys, pastes, mouse with modifiers, resizes) for a program on a real pty."""

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


def type_ahead(app, *keys: str) -> None:
    """Send `keys` to the running app's driver in one burst, as a terminal does when they are
    typed faster than the app draws (Pilot's `press` waits for each key to be handled)."""
    for key in keys:
        driver_of(app).send_message(_key_event(app, key))


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


#: Raw bytes of the keys a terminal sends for the navigation keys (xterm).
TERMINAL_KEYS = {
    "up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C", "left": b"\x1b[D",
    "home": b"\x1b[H", "end": b"\x1b[F", "pageup": b"\x1b[5~", "pagedown": b"\x1b[6~",
    "tab": b"\t", "shift+tab": b"\x1b[Z", "escape": b"\x1b", "enter": b"\r",
    "backspace": b"\x7f", "delete": b"\x1b[3~", "space": b" ", "f1": b"\x1bOP",
}


def terminal_events(seed: int, count: int) -> list[tuple[str, object]]:
    """`count` seeded events for a program on a pty: ("bytes", data) or ("resize", (w, h)).

    Keys (letters, digits, navigation; never a quitting key), bracketed pastes, SGR mouse
    presses, drags and releases with Shift/Alt/Ctrl (Alt-click over a notification included),
    wheel, and resizes, some two in a row. No click on the bottom line, where "q Quit" is.
    """
    rng = random.Random(seed)
    result: list[tuple[str, object]] = []
    width, height = 80, 24
    heights = [height]
    for _ in range(count):
        roll = rng.random()
        if roll < 0.06:
            width, height = rng.choice(SIZES)
            result.append(("resize", (width, height)))
            heights.append(height)
            if rng.random() < 0.5:  # two quick resizes
                width, height = rng.choice(SIZES)
                result.append(("resize", (width, height)))
                heights.append(height)
        elif roll < 0.12:
            text = "".join(rng.choice(PRINTABLE + "\n\té€") for _ in range(rng.randint(1, 40)))
            result.append(("bytes", b"\x1b[200~" + text.encode() + b"\x1b[201~"))
        elif roll < 0.30:
            button = rng.choice((0, 0, 2, 64, 65)) | rng.choice((0, 0, 4, 8, 16))  # + modifiers
            # Never on the bottom line ("q Quit" in the key bar) of any size the terminal may
            # still have while the app catches up with the last resizes.
            x, y = rng.randint(1, width), rng.randint(1, max(1, min(heights[-3:]) - 1))
            press = f"\x1b[<{button};{x};{y}M".encode()
            drag = f"\x1b[<{button | 32};{min(width, x + 3)};{y}M".encode()
            release = f"\x1b[<{button};{min(width, x + 3)};{y}m".encode()
            result.append(("bytes", press + (drag if rng.random() < 0.5 else b"") + release))
        elif roll < 0.60:
            result.append(("bytes", TERMINAL_KEYS[rng.choice(tuple(TERMINAL_KEYS))]))
        else:
            result.append(("bytes", rng.choice(PRINTABLE + "123456789yabwrs/?").encode()))
    return result
