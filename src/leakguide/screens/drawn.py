"""A rule every screen of the guide follows: its keys act only once it is drawn."""

from __future__ import annotations


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
