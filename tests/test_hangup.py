"""A dropped connection (SIGHUP, the pty closing) or SIGTERM: state saved, exit within 1 s."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from conftest import REPO
from pty_run import PtyProgram

TINY_APP = """
import sys
from textual.app import App
from textual.widgets import Static
from leakguide.hangup import install_hangup_handler

class Tiny(App):
    def compose(self):
        yield Static("READY")

    def save_state(self):
        with open(sys.argv[1], "w") as handle:
            handle.write("saved")

app = Tiny()
install_hangup_handler(app, save=app.save_state)
app.run()
"""


def start_in_pty(state_file: Path) -> PtyProgram:
    """Run the tiny app as a session leader on a fresh pty; wait until it has drawn."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color",
           "LANG": "C.UTF-8", "PYTHONPATH": str(REPO / "src")}
    program = PtyProgram([sys.executable, "-c", TINY_APP, str(state_file)], env)
    assert program.wait_for(lambda out: b"READY" in out, 20), (
        f"the app did not start: {bytes(program.output[-500:])!r}")
    return program


@pytest.mark.parametrize("how", ["close-pty", "sighup", "sigterm"])
def test_hangup_saves_state_and_exits_within_a_second(tmp_path: Path, how: str):
    state_file = tmp_path / "state"
    program = start_in_pty(state_file)
    try:
        if how == "close-pty":
            os.close(program.master)  # what sshd does when the client goes away
            program.master = -1
        else:
            os.kill(program.pid, signal.SIGHUP if how == "sighup" else signal.SIGTERM)
        status = program.wait_exit(1.0)
    finally:
        program.close()
    assert status is not None, "the app was still running a second after the hang-up"
    assert state_file.read_text() == "saved"
