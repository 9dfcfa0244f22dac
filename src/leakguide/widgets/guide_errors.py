"""The panel listing a reloaded guide's errors (`--watch`) until a fixed version is saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..content.problems import printable
from ..guide_watch import Settled

#: Problem lines shown at most; the rest are counted (the panel must leave room for the guide).
MAX_SHOWN = 4


class GuideErrors(Static):
    """At the bottom of a screen, above the keys: the guide file's problems as `check` prints them.

    Hidden while the guide is fine. It follows the app's `broken_guide`, so every screen that
    has one shows the same problems and hides them when a fixed guide is saved.
    """

    def on_mount(self) -> None:
        self.watch(self.app, "broken_guide", self._show, init=True)

    def _show(self, broken: Settled | None) -> None:
        self.display = broken is not None
        if broken is None:
            self.update("")
            return
        errors = broken.error_count
        self.border_title = f"Guide not reloaded: {errors} error{'' if errors == 1 else 's'}"
        text = Text()
        for line in broken.problems[:MAX_SHOWN]:
            text.append(line + "\n")
        hidden = len(broken.problems) - MAX_SHOWN
        if hidden > 0:
            path = printable(getattr(self.app.options, "guide_path", ""))  # type: ignore[attr-defined]
            text.append(f"… and {hidden} more: run leakguide check {path}\n", style="italic")
        text.append("Still showing the last good version; save a fixed file to reload.",
                    style="italic")
        self.update(text)
