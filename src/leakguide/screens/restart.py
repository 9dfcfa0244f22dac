"""Confirm a restart of the questions once, with keys that arrive over any terminal."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import _
from ..keymap import with_reader_keys
from .drawn import ActsOnceDrawn


class RestartScreen(ActsOnceDrawn, ModalScreen[bool], inherit_bindings=False):
    """"Start again and forget your answers?" — `r` or `y` restarts; `n`, `b` or Escape cancel."""

    HELP_AREA = "Restart?"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "answer(True)", "Restart", id="restart.yes"),
        Binding("y", "answer(True)", "Restart", show=False, id="restart.yes-y"),
        Binding("n", "answer(False)", "Keep my answers", id="restart.no"),
        Binding("b", "answer(False)", "Keep my answers", show=False, id="restart.no-b"),
        Binding("backspace", "answer(False)", "Keep my answers", show=False,
                id="restart.no-backspace"),
        Binding("escape", "answer(False)", "Keep my answers", show=False, id="restart.no-escape"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="restart-box"):
            yield Static(_("Start the questions again and forget your answers?"),
                         id="restart-question")
            yield Static(with_reader_keys(self, _(
                "Press {restart.yes} again (or {restart.yes-y}) to restart.\n"
                "Press {restart.no}, {restart.no-b} or {restart.no-escape} to keep your "
                "answers.")), id="restart-keys")

    def action_answer(self, yes: bool) -> None:
        """Close and report the reader's choice."""
        self.dismiss(yes)
