"""A running app stopped by a signal while its terminal is still there (SIGTERM from a service
manager or `kill`, SIGINT) puts the terminal back as it was; a dumb terminal gets plain text."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from conftest import FIXTURES, REPO
from pty_run import PtyProgram
from test_hostile_input import assert_terminal_restored, start

MOUSE_ON = b"\x1b[?1000h"
MOUSE_OFF = b"\x1b[?1000l"
CURSOR_SHOWN = b"\x1b[?25h"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["term", "int"])
def test_a_signal_leaves_the_terminal_as_it_was(tmp_path, signum):
    program = start(tmp_path)
    assert MOUSE_ON in program.output
    os.kill(program.pid, signum)
    status = program.finish(timeout=10)
    assert status == 128 + signum
    assert_terminal_restored(program)  # main screen again, the same tty modes as before
    after = program.output[program.output.rfind(b"\x1b[?1049h"):]
    assert MOUSE_OFF in after and CURSOR_SHOWN in after
    assert b"Traceback" not in program.output


@pytest.mark.parametrize("term", ["dumb", ""], ids=["dumb", "unset"])
def test_a_dumb_terminal_gets_the_plain_text_and_a_hint(tmp_path, term):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(REPO / "src"),
           "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    if term:
        env["TERM"] = term
    program = PtyProgram([sys.executable, "-m", "leakguide", "--fresh", "--guide",
                          str(FIXTURES / "minimal.toml")], env)
    status = program.finish(timeout=20)
    output = program.output.decode("utf-8", "replace")
    assert status == 0
    assert "cannot show the full-screen guide" in output and "TERM" in output
    assert "The let-down reflex" in output  # the guide, as `leakguide read` prints it
    assert "\x1b[?1049h" not in output and "\x1b[38;2" not in output  # no full screen, no colour
