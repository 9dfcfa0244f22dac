"""Run a program on a real pseudo-terminal, the way a reader's terminal would: the one pty
harness of the tests and the benchmarks (benchmarks put `tests/` on `sys.path` to import it).

    with PtyProgram([sys.executable, "benchmarks/hello_app.py"], width=80, height=24) as app:
        first_paint = app.wait_for_text("Hello")        # seconds since start
        app.wait_quiet()
        move = app.press(b"j")                          # KeyTiming(seconds, bytes)

Everything the program writes is kept in `output` (with the time each chunk arrived in
`chunks`), so tests can look at the bytes and benchmarks can measure bytes per key and the time
from a key to the last byte it caused. Stdlib only; Linux/macOS.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# CSI (with private/intermediate bytes), OSC (BEL or ST terminated), DCS/APC/PM/SOS strings,
# two-byte escapes and the charset designations.
ESCAPE_SEQUENCE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"
    rb"|\x1b[()][0-9A-Za-z]"
    rb"|\x1b[@-Z\\-_=>78]"
)
SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def strip_escapes(data: bytes) -> str:
    """The text a terminal would show, without escape sequences (layout not reproduced)."""
    return ESCAPE_SEQUENCE.sub(b"", data).decode("utf-8", "replace")


@dataclass(frozen=True)
class KeyTiming:
    """What one key press cost: seconds from the key to the last byte, and bytes written."""

    seconds: float
    nbytes: int
    output: bytes = b""


@dataclass(frozen=True)
class ByteBreakdown:
    """Where output bytes go: SGR (colour/style) sequences by kind, other escapes, text."""

    total: int
    sgr_truecolor: int
    sgr_256: int
    sgr_other: int
    other_escapes: int
    text: int


def byte_breakdown(data: bytes) -> ByteBreakdown:
    """Split output into colour codes, other escape sequences and text, by byte count."""
    truecolor = c256 = sgr_other = 0
    for match in SGR.finditer(data):
        params = match.group(1)
        size = len(match.group(0))
        if b"38;2;" in params or b"48;2;" in params:
            truecolor += size
        elif b"38;5;" in params or b"48;5;" in params:
            c256 += size
        else:
            sgr_other += size
    escapes = sum(len(m.group(0)) for m in ESCAPE_SEQUENCE.finditer(data))
    other = escapes - truecolor - c256 - sgr_other
    return ByteBreakdown(len(data), truecolor, c256, sgr_other, other, len(data) - escapes)


def terminal_env(width: int = 80, height: int = 24) -> dict[str, str]:
    """This process's environment as a 256-colour terminal of `width`x`height` would set it."""
    inherited = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return {**inherited, "TERM": "xterm-256color", "COLORTERM": "truecolor",
            "COLUMNS": str(width), "LINES": str(height)}


class PtyProgram:
    """A program started on a new pty of `width`x`height`; `output` holds all it wrote.

    `env` is its whole environment (default: `terminal_env`), `extra_env` is added to it. It
    starts at once; as a context manager it is stopped (and reaped) on leaving."""

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None = None,
                 width: int = 80, height: int = 24, *, extra_env: dict[str, str] | None = None,
                 cwd: str | None = None) -> None:
        self.argv = list(argv)
        self.width, self.height = width, height
        self.env = {**(terminal_env(width, height) if env is None else env), **(extra_env or {})}
        self.output = bytearray()
        self.chunks: list[tuple[float, int]] = []  # (arrival time, end offset in output)
        self.exit_status: int | None = None
        self.rusage = None
        self.ended = False  # the program closed the terminal (EOF or EIO on reading)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.master = master
        self.started = time.perf_counter()
        self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
            self.argv, stdin=slave, stdout=slave, stderr=slave, env=self.env, cwd=cwd,
            start_new_session=True, preexec_fn=_take_controlling_terminal, close_fds=True,
        )
        os.close(slave)
        self.pid = self.process.pid

    # -- lifetime ------------------------------------------------------------------------------
    def __enter__(self) -> PtyProgram:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self, grace: float = 1.0) -> None:
        """Stop the program (SIGTERM to its process group, then SIGKILL), reap it, keep the
        last bytes it wrote, and close the terminal."""
        process = self.process
        if process is None:
            return
        if self.exit_status is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, sig)
                if self._reap(grace):
                    break
            else:
                self._reap(None)
        self.pump(0.2)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
        self.process = None

    def finish(self, timeout: float = 10) -> int | None:
        """Wait for the program to exit by itself (stopping it after `timeout`); its exit code,
        or None if it had to be stopped."""
        status = self.wait_exit(timeout)
        self.close()
        return status

    def _reap(self, timeout: float | None) -> bool:
        """Wait for the child; record its exit status and resource usage. True once reaped."""
        assert self.process is not None
        deadline = None if timeout is None else time.perf_counter() + timeout
        while True:
            self._drain(0.0)
            try:
                pid, status, rusage = os.wait4(self.process.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                self.exit_status = self.process.returncode
                return True
            if pid:
                self.exit_status = os.waitstatus_to_exitcode(status)
                self.process.returncode = self.exit_status
                self.rusage = rusage
                return True
            if deadline is not None and time.perf_counter() >= deadline:
                return False
            time.sleep(0.01)

    def wait_exit(self, timeout: float = 5.0) -> int | None:
        """Wait for the child to end by itself; its exit code, or None if it did not."""
        if self.exit_status is None and self.process is not None:
            self._reap(timeout)
        return self.exit_status

    # -- reading -------------------------------------------------------------------------------
    def _drain(self, timeout: float) -> int:
        """Read whatever arrives within `timeout` seconds; return the number of bytes read."""
        if self.master < 0:
            return 0
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0.0))
        if not ready:
            return 0
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            self.ended = True
            time.sleep(min(timeout, 0.01))
            return 0
        if data:
            self.output += data
            self.chunks.append((time.perf_counter(), len(self.output)))
        else:
            self.ended = True
        return len(data)

    def pump(self, seconds: float) -> None:
        """Read what the program writes for `seconds` (or until it closes the terminal)."""
        deadline = time.perf_counter() + seconds
        while self.master >= 0 and not self.ended and (left := deadline - time.perf_counter()) > 0:
            self._drain(min(left, 0.05))

    def wait_for(self, condition: Callable[[bytes], bool], timeout: float) -> bool:
        """Read until `condition(output)` holds; whether it did within `timeout` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if condition(bytes(self.output)):
                return True
            self.pump(0.1)
        return condition(bytes(self.output))

    def wait_for_text(self, marker: str, timeout: float = 15.0, since: int = 0) -> float:
        """Seconds from start until `marker` is on screen (escape codes ignored)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self._drain(deadline - time.perf_counter()) and marker in strip_escapes(
                bytes(self.output[since:])
            ):
                return self.chunks[-1][0] - self.started
            if self.exit_status is None and self.process and self._reap(0):
                break
        tail = strip_escapes(bytes(self.output[-2000:]))
        raise TimeoutError(f"{marker!r} did not appear; the screen ends with: {tail!r}")

    def wait_quiet(self, quiet: float = 0.2, timeout: float = 10.0) -> tuple[float, int]:
        """Read until no byte arrives for `quiet` seconds; return (time of last byte, bytes)."""
        begin = len(self.output)
        last = time.perf_counter()
        deadline = last + timeout
        while time.perf_counter() < deadline:
            if self._drain(quiet):
                last = self.chunks[-1][0]
            elif time.perf_counter() - last >= quiet:
                break
        return last, len(self.output) - begin

    # -- writing -------------------------------------------------------------------------------
    def send(self, data: bytes, settle: float = 0.0) -> float:
        """Write bytes as if typed, then read for `settle` seconds; the time they were written."""
        os.write(self.master, data)
        sent = time.perf_counter()
        self.pump(settle)
        return sent

    def press(self, key: bytes, quiet: float = 0.2, timeout: float = 10.0) -> KeyTiming:
        """Press a key and wait until output stops; time is from the key to the last byte."""
        while self._drain(0.0):
            pass
        begin = len(self.output)
        sent = self.send(key)
        last, nbytes = self.wait_quiet(quiet, timeout)
        seconds = last - sent if nbytes else 0.0
        return KeyTiming(seconds, nbytes, bytes(self.output[begin:]))

    def resize(self, width: int, height: int) -> None:
        """Change the terminal's size, as a terminal window does (the program gets SIGWINCH)."""
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    # -- resources -----------------------------------------------------------------------------
    def peak_rss_kib(self) -> int | None:
        """Peak resident memory of the running child in KiB (Linux /proc VmHWM)."""
        if self.process is None:
            return None
        try:
            with open(f"/proc/{self.process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None


def _take_controlling_terminal() -> None:
    """In the child (already a session leader): make the pty on stdin its controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
