"""What the two screens of the decision flow (a question, and the outcome) share: the answers
so far, leaving for the guide, starting the questions again, and lines whose wrapped text hangs
under a number or a bullet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.screen import Screen

from ..flowstate import FlowState
from ..i18n import N_, _
from ..state import SCREEN_GUIDE
from .drawn import ActsOnceDrawn

if TYPE_CHECKING:
    from textual import getters

    from ..app import LeakGuideApp

#: What leaving for the guide is called (Escape; `b` on the first question), untranslated.
BACK_TO_THE_GUIDE = N_("Back to the guide")


def hanging(mark: str, body: Text) -> Table:
    """`mark` ("2.", "•") then `body`, its wrapped lines indented under the body."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")  # a line of Chinese has no spaces: break it, never cut it
    grid.add_row(mark, body)
    return grid


class FlowStepScreen(ActsOnceDrawn, Screen[None]):
    """A step of the decision flow: a question or the outcome, over the reader's answers."""

    if TYPE_CHECKING:  # `self.app` is this app, for the type checker (as Textual types it)
        app = getters.app(LeakGuideApp)

    @property
    def state(self) -> FlowState:
        """The answers so far (the session's)."""
        return self.app.flow_state

    def restarted(self, state: FlowState) -> None:
        """Show the questions again from `state`, every answer forgotten."""
        raise NotImplementedError

    def action_restart(self) -> None:
        """Ask once, then forget every answer and start at the first question."""
        from .restart import RestartScreen

        def restart(confirmed: bool | None) -> None:
            if confirmed:
                self.notify(_("Started again: your answers were cleared."), timeout=4)
                self.restarted(self.state.restart())

        self.app.push_screen(RestartScreen(), restart)

    def action_leave(self) -> None:
        """Back to the guide; the answers stay for when the reader returns with `a`."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
            self.app.session.screen = SCREEN_GUIDE  # resume in the guide, not here
