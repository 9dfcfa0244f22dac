"""A short soak on a real pseudo-terminal: seeded keys, pastes, mouse (with Shift, Alt, Ctrl),
two quick resizes, then a hang-up or a stop signal. The app never fails: no traceback, nothing
in the error log, and the exit status is the signal's (129 for SIGHUP, 143 for SIGTERM), even
when the signal arrives while a screen is being put up or taken down."""

from __future__ import annotations

import os
import signal

import pytest
from monkey import terminal_events
from test_hostile_input import start

#: Events per seed: enough to reach the questions, the outcome, search and help.
EVENTS = 150


@pytest.mark.parametrize("seed,signum", [
    (1, signal.SIGHUP), (2, signal.SIGTERM), (3, signal.SIGHUP),
])
def test_a_soak_then_a_signal_ends_with_the_signal_status(tmp_path, seed, signum):
    program = start(tmp_path)
    for kind, value in terminal_events(seed, EVENTS):
        if kind == "resize":
            program.resize(*value)  # type: ignore[misc]
            program.pump(0.01)
        else:
            program.send(value, settle=0.01)  # type: ignore[arg-type]
    program.send(b"a", settle=0)  # a screen is being put up as the signal arrives
    os.kill(program.pid, signum)
    status = program.finish(timeout=15)
    log = tmp_path / "errors.log"
    assert b"Traceback" not in program.output
    assert not log.exists(), log.read_text()
    assert status == 128 + signum, (status, program.output[-600:])
