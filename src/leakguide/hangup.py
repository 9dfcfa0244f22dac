"""Leave cleanly when the connection drops. No Textual at import time.

When an SSH client goes away, sshd closes the pty and the app gets SIGHUP (a service manager
sends SIGTERM). Then the terminal is gone: every write to it would fail, and a writer blocked
on a dead terminal could keep the process alive for ever. So on either signal we point stdin,
stdout and stderr at /dev/null, ask the app to save the reader's state and exit, and make sure
the process is gone within `grace` seconds whatever happens (no orphan on the server).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

HANGUP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
DEFAULT_GRACE = 0.6


def install_hangup_handler(app: Any, *, save: Callable[[], object] | None = None,
                           grace: float = DEFAULT_GRACE) -> Callable[[], None]:
    """Handle SIGHUP and SIGTERM for `app` (a Textual App, duck-typed); returns an uninstaller.

    `save` (the app's "save the reader's place now") runs first, then `app.exit()`; both in
    the app's event loop.
    """
    handled = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        if handled.is_set():
            return
        handled.set()
        silence_terminal()
        exit_code = 128 + signum
        _start_watchdog(grace, exit_code)
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


def _start_watchdog(grace: float, exit_code: int) -> None:
    def expire() -> None:
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
