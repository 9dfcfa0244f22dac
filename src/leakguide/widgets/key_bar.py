"""The bottom line of a screen: the keys that work where the focus is, and what they do."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

from ..i18n import _
from ..render.cells import cells

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen


class Key(NamedTuple):
    """One key as the bar shows it."""

    key: str
    display: str
    description: str
    enabled: bool
    #: The binding's id: the bar keeps `KEPT_TO_THE_LAST` when it has to drop keys.
    id: str | None = None


#: Help and Quit: when the line is too narrow for every key, the others are dropped first
#: (and before them the keys a screen asks to keep, `KeyBar(keep=…)`).
KEPT_TO_THE_LAST = ("app.help", "app.quit")


class KeyBar(Widget):
    """The keys that work here, in the order and words of Textual's `Footer`, drawn as one line.

    `Footer` mounts a widget per key and mounts them all again each time the focus moves; this
    bar redraws its one line. A key can be clicked, as in `Footer`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    def __init__(self, describe: Callable[[Binding], str] | None = None,
                 keep: Callable[[], tuple[str, ...]] | None = None,
                 short: Callable[[Binding], str | None] | None = None) -> None:
        """`describe` gives a key's words where they depend on the screen's state (untranslated,
        as a binding's description is); without it, each binding's own description. A key
        its screen does not offer now (`ActsOnceDrawn.offers_key`) is left off. `short`
        gives a key's words in one word, or None: they are used when the full words would
        leave a key off the line (on a phone, "b Last question" dropped made the outcome look
        like a dead end). `keep` gives the ids of bindings to keep, after Help and Quit, when
        not every key fits (the way back, which on a phone was dropped first and only help
        told)."""
        super().__init__()
        self._describe = describe
        self._keep = keep
        self._short = short

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def keys(self, short: bool = False) -> list[Key]:
        """The bindings shown, one per action: the focused widget's first, the app's last,
        leaving out those their screen does not offer now; with `short`, in their short words
        where they have them."""
        shown: dict[str, Key] = {}
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            offers = getattr(node, "offers_key", None)  # `ActsOnceDrawn.offers_key`
            if binding.show and binding.action not in shown \
                    and (offers is None or offers(binding)):
                display = self.app.get_key_display(binding)
                description = (self._describe(binding) if self._describe is not None
                               else binding.description)
                if short and self._short is not None:
                    description = self._short(binding) or description
                shown[binding.action] = Key(binding.key, display, _(description), enabled,
                                            binding.id)
        return list(shown.values())

    def keys_that_fit(self, width: int) -> list[Key]:
        """The keys whose whole entries fit in `width` cells, in their order: the last of the
        others dropped first, the keys the screen keeps, then Quit, then Help (never half a
        key)."""
        keys = self.keys()
        if self._short is not None and _width(keys) > width:
            keys = self.keys(short=True)
        kept = (*KEPT_TO_THE_LAST, *(self._keep() if self._keep is not None else ()))
        # Drop from the end of the others, then the keys kept, the screen's first.
        drop_order = [k for k in reversed(keys) if k.id not in kept]
        for kept_id in reversed(kept):
            drop_order += [k for k in keys if k.id == kept_id]
        while keys and _width(keys) > width:
            keys.remove(drop_order.pop(0))
        return keys

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        for key in self.keys_that_fit(self.size.width):
            clickable = Style.from_meta({"key": key.key})
            dim = Style(dim=not key.enabled)
            line.append(f" {key.display} ", key_style + dim + clickable)
            line.append(f"{key.description} ", description_style + dim + clickable)
        return line

    def on_resize(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        key = event.style.meta.get("key")
        if key:
            self.app.simulate_key(key)


def _entry_width(key: Key) -> int:
    return cells(f" {key.display} {key.description} ")


def _width(keys: list[Key]) -> int:
    return sum(_entry_width(key) for key in keys)
