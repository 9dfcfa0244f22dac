"""Run a program on a real pseudo-terminal and keep every byte it sends to the terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable


class PtyProgram:
    """A program on a pty of `width`x`height`; `output` holds all it wrote."""

    def __init__(self, argv: list[str], env: dict[str, str], width: int = 80,
                 height: int = 24) -> None:
        pid, master = pty.fork()
        if pid == 0:  # child: size the terminal before the program looks at it
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
            os.execve(argv[0], argv, env)
        self.pid, self.master = pid, master
        self.output = b""
        self.status: int | None = None

    def pump(self, seconds: float) -> None:
        """Read what the program writes for `seconds` (or until it exits)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output += chunk

    def wait_for(self, condition: Callable[[bytes], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self.output):
                return True
            self.pump(0.1)
        return condition(self.output)

    def send(self, data: bytes, settle: float = 0.3) -> None:
        os.write(self.master, data)
        self.pump(settle)

    def resize(self, width: int, height: int) -> None:
        """Change the terminal's size, as a terminal window does (the program gets SIGWINCH)."""
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    def finish(self, timeout: float = 10) -> int | None:
        """Wait for the program to exit (pumping output); kill it after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.pump(0.2)
                self.status = os.waitstatus_to_exitcode(status)
                break
            self.pump(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.master)
        return self.status
