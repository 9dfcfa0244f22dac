"""Output that keeps up with a slow terminal: only changed cells, and never a stale frame.

No Textual here. The driver (`app._with_paced_output`) gives every write of the app to a
`PacedOutput`, which draws it into a `ScreenDiff` and has its own thread send the difference
to the terminal when the terminal has caught up:

- the last write to the terminal has finished (a terminal reading slowly blocks it), and
- the terminal has answered the cursor-position query (`ESC [6n`) sent after the last frame.
  A terminal answers only once it has read everything written before the query, so this
  works over SSH too, where sshd reads the pty at once and only the reader's side is slow.
  Terminals that never answer are not waited for (nothing is awaited until one answer has
  come), and an answer that does not come within `REPLY_WAIT` is not waited for longer.

Meanwhile the app keeps drawing: frames it draws while the terminal is behind only change the
picture, and the terminal then gets the latest picture in one piece, as Mosh does, instead of
every frame in turn.

Runs of blank cells are erased (ECH, EL) instead of written as spaces where terminfo says the
terminal erases with the current background (`bce`), and on the default background anywhere.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from .render.screen_diff import ScreenDiff

#: Asks the terminal where the cursor is; the answer (ESC [ row ; col R) says it is caught up.
CURSOR_QUERY = "\x1b[6n"
#: Seconds to wait for an answer before sending anyway (a lost answer must not stall output).
REPLY_WAIT = 1.0


class PacedOutput:
    """The app's output to one terminal; `write` never blocks on the terminal."""

    def __init__(self, send: Callable[[str], None]) -> None:
        self._send = send
        self._diff = ScreenDiff()
        self._lock = threading.Condition()
        self._stopped = False
        self._asked_at: float | None = None  # when the unanswered query was sent
        self._answers = False  # the terminal has answered a query: wait for answers
        self.frames_drawn = 0
        self.writes_sent = 0
        self._thread = threading.Thread(target=self._run, name="leakguide-output", daemon=True)
        self._thread.start()

    def write(self, data: str, size: tuple[int, int] | None = None) -> None:
        """Take what the app writes (`size`: the terminal's columns and rows, if known)."""
        with self._lock:
            if size is not None:
                self._diff.resize(size)
            self._diff.feed(data)
            self.frames_drawn += 1
            self._lock.notify()

    def answered(self) -> None:
        """The terminal answered the cursor-position query: it has drawn what came before."""
        with self._lock:
            self._asked_at = None
            self._answers = True
            self._lock.notify()

    def close(self, answer_wait: float = 0.0) -> bool:
        """Send what is left, at once, and stop the thread. Waits up to `answer_wait` seconds
        for the answer to a query still open; True if it is still awaited (the terminal will
        send it after all: the caller discards it)."""
        with self._lock:
            self._stopped = True
            self._lock.notify()
        self._thread.join(timeout=5)
        with self._lock:
            rest = self._diff.take()
            deadline = time.monotonic() + answer_wait
            while self._answers and self._asked_at is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
            awaited = self._answers and self._asked_at is not None
        if rest:
            self._send(rest)
        return awaited

    def _waiting_for_answer(self) -> float:
        """Seconds still to wait for the terminal's answer (0: none awaited)."""
        if self._asked_at is None or not self._answers:
            return 0.0
        return max(0.0, self._asked_at + REPLY_WAIT - time.monotonic())

    def _run(self) -> None:
        erases = erases_with_background(os.environ.get("TERM"))  # one small file read
        with self._lock:
            self._diff.erase_with_background = erases
        while True:
            with self._lock:
                while not self._stopped:
                    wait = self._waiting_for_answer()
                    if self._diff.has_output and not wait:
                        break
                    self._lock.wait(wait or None)
                if self._stopped:
                    return
                try:
                    output = self._diff.take()
                except Exception:  # noqa: BLE001 - a bug must not stop all output
                    self._diff.forget()
                    output = ""
                if output:
                    output += CURSOR_QUERY
                    self._asked_at = time.monotonic()
            if output:
                self.writes_sent += 1
                self._send(output)  # blocks while the terminal reads slowly


#: Where compiled terminfo entries are looked for after $TERMINFO and ~/.terminfo (ncurses'
#: usual places; $TERMINFO_DIRS comes first when set).
TERMINFO_DIRS = ("/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo",
                 "/usr/share/lib/terminfo")
#: The index of `bce` (back_color_erase) among terminfo's booleans.
_BCE = 28
_TERMINFO_MAGIC = (0o432, 0o1036)  # the legacy format, and ncurses 6's 32-bit numbers


def erases_with_background(term: str | None) -> bool:
    """True when the terminfo entry for `term` says the terminal erases with the current
    background colour (`bce`, as xterm and the Linux console do; screen and tmux say they do
    not). Then runs of blanks go as an erase (ECH, EL) on any background, not only on the
    default one. Reads the compiled entry itself (no curses: its import costs milliseconds
    before the first frame); no entry, or one it cannot read, means no."""
    if not term or "/" in term or term.startswith("."):
        return False
    for directory in _terminfo_dirs():
        for sub in (term[0], f"{ord(term[0]):02x}"):  # x/xterm, or 78/xterm (macOS)
            try:
                with open(os.path.join(directory, sub, term), "rb") as entry:
                    header = entry.read(12 + 4096)
            except OSError:
                continue
            return _has_bce(header)
    return False


def _terminfo_dirs() -> list[str]:
    dirs = []
    if os.environ.get("TERMINFO"):
        dirs.append(os.environ["TERMINFO"])
    dirs.append(os.path.expanduser("~/.terminfo"))
    for directory in os.environ.get("TERMINFO_DIRS", "").split(":"):
        dirs.extend([directory] if directory else TERMINFO_DIRS)
    dirs.extend(TERMINFO_DIRS)
    return dirs


def _has_bce(entry: bytes) -> bool:
    """The `bce` flag of a compiled terminfo entry (False if it is not one)."""
    if len(entry) < 12:
        return False
    magic, names, booleans = (int.from_bytes(entry[i:i + 2], "little") for i in (0, 2, 4))
    if magic not in _TERMINFO_MAGIC or booleans <= _BCE:
        return False
    at = 12 + names + _BCE
    return len(entry) > at and entry[at] == 1


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to `fd`, waiting while the terminal is slow; give up if it is gone."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except InterruptedError:
            continue
        except BlockingIOError:
            time.sleep(0.005)
            continue
        except OSError:
            return  # the terminal is gone (a hangup): nothing to write to
        view = view[written:]
