"""A dropped connection (SIGHUP, the pty closing) or SIGTERM: state saved, exit within 1 s."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

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


def start_in_pty(state_file: Path) -> tuple[int, int]:
    """Run the tiny app as a session leader on a fresh pty; wait until it has drawn."""
    pid, master = pty.fork()
    if pid == 0:  # child
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color",
               "LANG": "C.UTF-8", "PYTHONPATH": str(REPO / "src")}
        os.execve(sys.executable, [sys.executable, "-c", TINY_APP, str(state_file)], env)
    seen = b""
    deadline = time.monotonic() + 20
    while b"READY" not in seen:
        assert time.monotonic() < deadline, f"the app did not start: {seen[-500:]!r}"
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return pid, master


def wait_exit(pid: int, timeout: float) -> int | None:
    """The exit status if `pid` ends within `timeout` seconds, else None (and kill it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


@pytest.mark.parametrize("how", ["close-pty", "sighup", "sigterm"])
def test_hangup_saves_state_and_exits_within_a_second(tmp_path: Path, how: str):
    state_file = tmp_path / "state"
    pid, master = start_in_pty(state_file)
    if how == "close-pty":
        os.close(master)  # what sshd does when the client goes away
    else:
        os.kill(pid, signal.SIGHUP if how == "sighup" else signal.SIGTERM)
    status = wait_exit(pid, 1.0)
    if how != "close-pty":
        os.close(master)
    assert status is not None, "the app was still running a second after the hang-up"
    assert state_file.read_text() == "saved"
