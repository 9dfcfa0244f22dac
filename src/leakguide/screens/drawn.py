"""What every screen of the guide shares: the one rule for keys typed ahead, and the one way a
changed guide reaches it (`reload_guide`).

Keys typed ahead. Over a slow link, or from a fast typist, keys arrive in bursts, and Textual
delivers each a few hops after the one before: a key can reach a screen that is not drawn yet,
or one that an earlier key of the burst has already replaced. The rule, for every screen:
- its bindings do nothing until it is drawn (`check_action`);
- a handler that changes screens or the reader's answers first asks `acts_now()` (still the
  screen on top) and otherwise does nothing: the key was meant for another screen;
- a screen whose keys must act in the order typed, whatever the burst (search: Enter must open
  the result for the text typed before it), takes them as they arrive (`take_key`), offered by
  the app before Textual delivers them: it says so with `TAKES_KEYS_IN_ORDER` and acts on each in
  `act_on_key`. Keys that arrive before its parts exist are kept (up to `MAX_EARLY_KEYS`) and
  played in order once it calls `keys_ready()`; those it does not take then go to the screen on
  top.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding

#: Keys kept for a screen that takes keys in order while its parts are being made (a burst
#: typed ahead, or a paste); more are dropped.
MAX_EARLY_KEYS = 200


class ActsOnceDrawn:
    """Mixin for screens: their bindings do nothing until the screen is mounted.

    Textual checks a key's bindings as the key bubbles up, against the screen current at that
    moment. A key typed for the screen underneath can so reach the bindings of a screen pushed an
    instant before, whose parts do not exist yet; such a key is dropped instead.
    """

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:  # type: ignore[attr-defined]
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]

    def acts_now(self) -> bool:
        """Whether input may still act on this screen: it is the one on top (a key typed
        ahead can arrive after the screen was replaced or closed)."""
        return bool(self.is_current)  # type: ignore[attr-defined]

    def was_closed(self) -> bool:
        """True when the screen was closed (by a key typed ahead) before it could be shown."""
        return self not in self.app.screen_stack  # type: ignore[attr-defined]

    def offers_key(self, binding: Binding) -> bool:
        """Whether the key bar and help offer this binding here (pressed anyway, a key not
        offered still says why it does nothing)."""
        return True

    #: Whether the screen's keys must act in the order typed even in a burst (`take_key`).
    TAKES_KEYS_IN_ORDER: ClassVar[bool] = False

    def take_key(self, event: events.Key) -> bool:
        """Act on a key the moment the app receives it, before Textual delivers it; True if
        taken. The app offers every key to the current screen here first. A screen that takes
        keys in order acts on them (`act_on_key`), or keeps them until `keys_ready()`."""
        if not self.TAKES_KEYS_IN_ORDER:
            return False
        if not getattr(self, "_keys_ready", False):  # its parts do not exist yet
            early: list[events.Key] = self.__dict__.setdefault("_early_keys", [])
            if len(early) < MAX_EARLY_KEYS:
                early.append(event)
            return True
        return self.act_on_key(event)

    def act_on_key(self, event: events.Key) -> bool:
        """Act on a key taken in order; True if it was this screen's (else Textual delivers
        it). For screens with `TAKES_KEYS_IN_ORDER`."""
        return False

    def keys_ready(self) -> None:
        """The screen's parts exist: play the keys kept until now, in order; any it does not
        take (it closed, or they are not its keys) go to the screen then on top."""
        self._keys_ready = True
        early = self.__dict__.pop("_early_keys", [])
        for event in early:
            if not self.take_key(event):
                self.app.post_message(  # type: ignore[attr-defined]
                    events.Key(event.key, event.character))

    def reload_guide(self) -> list[str]:
        """Show the app's guide again after it changed on disk (`--watch`); returns notices
        for the reader about what moved. Screens that show guide text override this."""
        return []

    def reload_when_back(self) -> None:
        """Reload once the reader is back on this screen (it is under help or a dialog, and
        its reload would change screens)."""
        self._reload_when_back = True

    def on_screen_resume(self) -> None:
        if getattr(self, "_reload_when_back", False):
            self._reload_when_back = False
            self.reload_guide()
