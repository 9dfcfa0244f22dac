"""Leave cleanly when the connection drops. No Textual at import time.

When an SSH client goes away, sshd closes the pty and the app gets SIGHUP. Then the terminal
is gone: every write to it would fail, and a writer blocked on a dead terminal could keep the
process alive for ever. So on SIGHUP we point stdin, stdout and stderr at /dev/null first.

SIGTERM (a service manager, or `kill` from another shell) and SIGINT leave the terminal alive:
the app exits the normal way, which puts the terminal back as it was (main screen, no mouse
reporting, cursor shown).

On every signal the app saves the reader's state and exits, and the process is gone within
`grace` seconds whatever happens (no orphan on the server). If it has to be cut short, the
terminal modes are reset first, without ever waiting on the terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

HANGUP_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
#: The signal after which the terminal is gone; the others leave it there to be put back.
TERMINAL_GONE = signal.SIGHUP
DEFAULT_GRACE = 0.6
#: Leave the alternate screen, stop mouse reporting and bracketed paste, show the cursor.
RESET_TERMINAL = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?1049l\x1b[?25h"
)


def install_hangup_handler(app: Any, *, save: Callable[[], object] | None = None,
                           grace: float = DEFAULT_GRACE) -> Callable[[], None]:
    """Handle SIGHUP, SIGTERM and SIGINT for `app` (a Textual App, duck-typed); returns an
    uninstaller.

    `save` (the app's "save the reader's place now") runs first, then `app.exit()`; both in
    the app's event loop.
    """
    handled = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        if handled.is_set():
            return
        handled.set()
        terminal_alive = signum != TERMINAL_GONE
        if not terminal_alive:
            silence_terminal()
        exit_code = 128 + signum
        _start_watchdog(grace, exit_code, reset_terminal=terminal_alive)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            os._exit(exit_code)
        loop.call_soon_threadsafe(_save_and_exit, app, save, exit_code)

    previous = {sig: signal.signal(sig, on_signal) for sig in HANGUP_SIGNALS}

    def uninstall() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return uninstall


def _save_and_exit(app: Any, save: Callable[[], object] | None, exit_code: int) -> None:
    if save is not None:
        with contextlib.suppress(Exception):
            save()
    try:
        app.exit(return_code=exit_code)
    except Exception:
        os._exit(exit_code)


def _start_watchdog(grace: float, exit_code: int, *, reset_terminal: bool) -> None:
    def expire() -> None:
        if reset_terminal:
            write_without_waiting(RESET_TERMINAL)
        os._exit(exit_code)

    timer = threading.Timer(grace, expire)
    timer.daemon = True
    timer.start()


def silence_terminal() -> None:
    """Point file descriptors 0, 1 and 2 at /dev/null so writes to a dead terminal succeed."""
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    for fd in (0, 1, 2):
        with contextlib.suppress(OSError):
            os.dup2(null, fd)
    if null > 2:
        os.close(null)


def write_without_waiting(data: bytes, fd: int = 1) -> None:
    """Write `data` to `fd` if the terminal takes it at once; never block, never fail."""
    with contextlib.suppress(OSError):
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
        try:
            os.write(fd, data)
        finally:
            fcntl.fcntl(fd, fcntl.F_SETFL, flags)
