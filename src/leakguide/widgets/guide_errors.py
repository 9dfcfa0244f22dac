"""The panel listing a reloaded guide's errors (`--watch`) until a fixed version is saved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from ..content.unsafe import printable
from ..i18n import N_, _

if TYPE_CHECKING:
    from textual.app import App

    from ..guide_watch import Settled

#: Lines of text inside the panel at most (app.tcss gives it 2 more for the border), so a long
#: list never hides the guide on a 24-line terminal; the border says how many are not shown.
MAX_LINES = 7
#: Border and padding, left and right (see `GuideErrors` in app.tcss).
FRAME_WIDTH = 4
HINT = N_("Still showing the last good version; save a fixed file to reload.")


class GuideErrors(Static):
    """At the bottom of a screen, above the keys: the guide file's problems as `check` prints them.

    Hidden while the guide is fine. It follows the app's `broken_guide`, so every screen that
    has one shows the same problems and hides them when a fixed guide is saved.
    """

    def on_mount(self) -> None:
        self.watch(self.app, "broken_guide", self._show, init=True)

    def on_resize(self) -> None:
        self._show(getattr(self.app, "broken_guide", None))

    def _show(self, broken: Settled | None) -> None:
        self.display = broken is not None
        if broken is None:
            self.update("")
            return
        errors = broken.error_count
        self.border_title = (_("Guide not reloaded: 1 error") if errors == 1 else
                             _("Guide not reloaded: {count} errors").format(count=errors))
        width = max(10, self.app.size.width - FRAME_WIDTH)
        console = self.app.console
        lines = [Text(_(HINT), style="italic")]
        used = len(lines[0].wrap(console, width))
        for problem in broken.problems:
            line = Text(problem)
            height = len(line.wrap(console, width))
            if len(lines) > 1 and used + height > MAX_LINES:
                break
            lines.append(line)
            used += height
        hidden = len(broken.problems) - (len(lines) - 1)
        path = printable(getattr(self.app.options, "guide_path", ""))  # type: ignore[attr-defined]
        self.border_subtitle = _("{count} more: leakguide check {path}").format(
            count=hidden, path=path) if hidden > 0 else ""
        self.update(Text("\n").join(lines))


def guide_errors_when_watching(app: App) -> Iterator[GuideErrors]:
    """A `GuideErrors` panel for a screen's `compose` when the app watches its guide file
    (`--watch`); none otherwise, so the usual first screen has one widget less to start."""
    if getattr(app, "watches_guide", False):
        yield GuideErrors()
