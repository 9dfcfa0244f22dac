"""`leakguide serve` for tests: the real server on a free port of 127.0.0.1, and its sessions."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from conftest import REPO

#: The only processes a session starts: the app, in hosted browser mode.
SESSION_MARK = b"--browser-session"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sessions_of(server_pid: int) -> set[int]:
    """The app processes the server runs now (its children with the browser-session flag)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server_pid and SESSION_MARK in cmdline:
            found.add(int(entry.name))
    return found


@contextlib.contextmanager
def running_server(*args: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`leakguide serve ARGS` on a free port: (the process, its http://127.0.0.1:PORT/ URL).
    Stopped with SIGTERM at the end."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "leakguide", "serve", "--port", str(port), *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            assert process.poll() is None, process.stdout.read().decode() if process.stdout \
                else "the server stopped"
            time.sleep(0.1)
        yield process, f"http://127.0.0.1:{port}/"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
