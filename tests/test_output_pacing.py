"""Paced output: a terminal that is behind gets the latest picture, never a queue of stale
frames. Unit tests of PacedOutput with a fake terminal, and the app on a real pty read slowly."""

from __future__ import annotations

import os
import re
import select
import sys
import threading
import time

import pytest
from conftest import REPO
from pty_run import PtyProgram
from test_sgr_compaction import Screen

from leakguide import output
from leakguide.output import CURSOR_QUERY, PacedOutput

ANSWER = "\x1b[1;1R"
FRAMES = [f"\x1b[{row};1H\x1b[1mframe {index}\x1b[0m" for index, row in
          enumerate([1, 2, 1, 3, 1, 2], start=1)]


class FakeTerminal:
    """Records what is sent; each send can be held until released (a blocked write)."""

    def __init__(self, hold: bool = False) -> None:
        self.sent: list[str] = []
        self.arrived = threading.Semaphore(0)
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def send(self, text: str) -> None:
        self.sent.append(text)
        self.arrived.release()
        assert self.release.wait(30)

    def wait_for_send(self) -> None:
        assert self.arrived.acquire(timeout=30), "nothing was sent"

    def screen(self) -> Screen:
        return Screen().feed("".join(self.sent).replace(CURSOR_QUERY, ""))


def test_frames_drawn_while_the_terminal_has_not_answered_are_sent_as_one(monkeypatch):
    monkeypatch.setattr(output, "REPLY_WAIT", 600.0)  # no answer is given up on in this test
    terminal = FakeTerminal()
    paced = PacedOutput(terminal.send)
    paced.answered()  # this terminal answers queries
    paced.write(FRAMES[0])
    terminal.wait_for_send()
    for frame in FRAMES[1:]:  # the terminal has not answered the query after the first
        paced.write(frame)
    assert len(terminal.sent) == 1 and terminal.sent[0].endswith(CURSOR_QUERY)
    paced.answered()
    terminal.wait_for_send()
    paced.close()
    assert len(terminal.sent) == 2  # five frames, one send: the latest picture
    assert terminal.screen().cells == Screen().feed("".join(FRAMES)).cells
    assert "frame 2" not in terminal.sent[1]  # overdrawn before it could be sent


def test_frames_drawn_during_a_blocked_write_are_sent_as_one():
    terminal = FakeTerminal(hold=True)  # never answers; its first write blocks
    paced = PacedOutput(terminal.send)
    paced.write(FRAMES[0])
    terminal.wait_for_send()
    for frame in FRAMES[1:]:
        paced.write(frame)
    terminal.release.set()
    terminal.wait_for_send()
    paced.close()
    assert len(terminal.sent) == 2
    assert terminal.screen().cells == Screen().feed("".join(FRAMES)).cells


def test_a_terminal_that_never_answers_is_not_waited_for():
    terminal = FakeTerminal()
    paced = PacedOutput(terminal.send)
    for frame in FRAMES[:3]:
        paced.write(frame)
        terminal.wait_for_send()  # each one goes out although no query was answered
    paced.close()
    assert terminal.screen().cells == Screen().feed("".join(FRAMES[:3])).cells


def terminfo_entry(name: str, booleans: list[int], magic: int = 0o432) -> bytes:
    """A compiled terminfo entry with only `booleans` (as `tic` writes one)."""
    names = name.encode() + b"\0"
    header = [magic, len(names), len(booleans), 0, 0, 0]
    return b"".join(n.to_bytes(2, "little") for n in header) + names + bytes(booleans)


@pytest.mark.parametrize(("directory", "bce", "magic", "expected"), [
    ("x", 1, 0o432, True), ("78", 1, 0o1036, True), ("x", 0, 0o432, False),
    ("x", 1, 0o123, False),
])
def test_bce_is_read_from_the_terminals_terminfo_entry(tmp_path, monkeypatch, directory, bce,
                                                        magic, expected):
    """Blanks on a coloured background are erased only where the terminfo entry says the
    terminal erases with the current background (`bce`, boolean 28)."""
    monkeypatch.setenv("TERMINFO", str(tmp_path))
    (tmp_path / directory).mkdir()
    booleans = [0] * 28 + [bce, 0]
    (tmp_path / directory / "xterm-made-up").write_bytes(
        terminfo_entry("xterm-made-up|made up for a test", booleans, magic))
    assert output.erases_with_background("xterm-made-up") is expected
    assert output.erases_with_background("xterm-not-there") is False
    assert output.erases_with_background("../xterm-made-up") is False
    assert output.erases_with_background(None) is False


def test_textual_reads_the_answer_as_a_cursor_position():
    """The paced output knows the terminal has caught up from Textual's input parser turning
    ESC [ row ; col R into `events.CursorPosition`. If an upgrade changes that, this fails."""
    from textual import events
    from textual._xterm_parser import XTermParser

    parsed = list(XTermParser().feed("\x1b[3;4R"))
    assert [type(event) for event in parsed] == [events.CursorPosition], (
        "Textual no longer parses cursor-position answers into events.CursorPosition: "
        "leakguide's paced output (output.py, app._with_paced_output) must be updated")
    assert (parsed[0].x, parsed[0].y) == (3, 2)


# -- the app on a real pty ------------------------------------------------------------------------
KEYS = 20
TITLE = "Leaking breast milk"


@pytest.mark.skipif(sys.platform == "win32", reason="a pty")
def test_a_slow_reader_gets_the_final_screen_not_the_stale_ones(tmp_path):
    """A held key (20 presses 33 ms apart) over a link read at about 12 KB/s. Then the
    terminal is resized and back, which makes the app repaint everything: the screen the slow
    reader was left with must be that picture, cell for cell."""
    env = {
        "PYTHONPATH": str(REPO / "src"), "HOME": str(tmp_path), "TERM": "xterm-256color",
        "COLORTERM": "truecolor", "LANG": "C.UTF-8", "LEAKGUIDE_STATE_DIR": str(tmp_path),
        "PATH": os.environ.get("PATH", ""),
    }
    app = PtyProgram([sys.executable, "-m", "leakguide", "--fresh"], env)
    try:
        assert app.wait_for(lambda out: TITLE.encode() in out and b"Related" in out, 60)
        answer_every_query(app, 0)
        start = len(app.output)
        os.write(app.master, b"j")  # one move, read at full speed: what a frame costs
        answer_every_query(app, start)
        one_move = len(app.output) - start
        before = final_screen(app.output)
        start = len(app.output)
        hold_key_over_a_slow_link(app, quiet=2.0)
        held = len(app.output) - start
        left = final_screen(app.output)
        for size in ((81, 24), (80, 24)):  # each new size repaints the whole screen
            app.resize(*size)
            answer_every_query(app, len(app.output))
        repainted = final_screen(app.output)
        app.send(b"q", settle=0.3)
    finally:
        app.finish()
    assert left.seen() != before.seen()  # the keys moved the cursor
    assert left.seen() == repainted.seen()  # the latest picture, not a stale one
    # The topic pane, which waits while the keys keep coming, shows the final cursor's topic.
    label = cursor_label(left)
    assert any(line.startswith(label) for line in pane_lines(left)), (label, pane_lines(left))
    # Not a frame per key. (A loaded machine draws fewer frames, never more, so this cannot
    # fail by chance; on a busy machine the app itself draws a frame per few keys, so that
    # frames are coalesced is shown exactly by the tests of PacedOutput above.)
    assert held <= KEYS * one_move / 2


#: The first column of the topic pane's text at 80 columns with the bundled guide, and the
#: column of the tree's scrollbar (whose thumb is also drawn in reverse video).
PANE_TEXT = 34
TREE_SCROLLBAR = 30


def cursor_label(screen: Screen) -> str:
    """The visible words of the tree's cursor line (drawn in reverse video), without the
    marks around them ("▸", "-" or "+" of a section, "…")."""
    rows = {row for (row, col), (_, style) in screen.cells.items()
            if col < TREE_SCROLLBAR and 7 in style[0]}
    assert len(rows) == 1, rows
    row = rows.pop()
    text = "".join(screen.cells.get((row, col), (" ",))[0] for col in range(TREE_SCROLLBAR))
    return re.sub(r"^[┃▸+\- ]+", "", text).rstrip(" …")


def pane_lines(screen: Screen) -> list[str]:
    """The lines of text right of the tree."""
    return ["".join(screen.cells.get((row, col), (" ",))[0]
                    for col in range(PANE_TEXT, 79)).strip() for row in range(24)]


def final_screen(output: bytes) -> Screen:
    """The 80x24 screen the app shows after `output` (before it quits)."""
    text = output.decode("utf-8", "replace")
    end = text.find("\x1b[?1049l")
    shown = text[text.index("\x1b[?1049h"):end if end != -1 else len(text)]
    shown = re.sub(r"\x1b\[[<>=][0-9;]*[a-zA-Z]", "", shown.replace(CURSOR_QUERY, ""))
    screen = Screen().feed(shown)
    screen.cells = {(row, col): cell for (row, col), cell in screen.cells.items()
                    if row < 24 and col < 80}
    return screen


def answer_every_query(app: PtyProgram, start: int) -> None:
    """Read at full speed, answering each cursor-position query, until nothing more comes."""
    answered = 0

    def new_query(out: bytes) -> bool:
        return out.count(CURSOR_QUERY.encode(), start) > answered

    while app.wait_for(new_query, 2.0):
        answered += 1
        os.write(app.master, ANSWER.encode())


def hold_key_over_a_slow_link(app: PtyProgram, quiet: float, chunk: int = 256) -> None:
    """Press j `KEYS` times, one every 33 ms, while reading `chunk` bytes at a time with
    pauses (about 12 KB/s) and answering each query once it is read, as a terminal on a slow
    link does; then read on until nothing comes for `quiet` seconds."""
    pressed, seen = 0, app.output.count(CURSOR_QUERY.encode())
    first = last = time.monotonic()
    while time.monotonic() < first + 120:
        now = time.monotonic()
        if pressed < KEYS and now >= first + pressed * 0.033:
            os.write(app.master, b"j")
            pressed += 1
            last = now
        elif pressed == KEYS and now - last >= quiet:
            break
        ready, _, _ = select.select([app.master], [], [], 0.005)
        if ready:
            data = os.read(app.master, chunk)
            if not data:
                break
            app.output += data
            last = time.monotonic()
            queries = app.output.count(CURSOR_QUERY.encode())
            for _ in range(queries - seen):
                os.write(app.master, ANSWER.encode())
            seen = queries
            time.sleep(0.02)


def test_only_the_linux_driver_is_paced():
    """Textual's web driver frames what it writes for the browser: it must get every write,
    never the paced output's direct writes to the terminal."""
    from textual.drivers.linux_driver import LinuxDriver
    from textual.drivers.web_driver import WebDriver

    from leakguide.app import _is_linux_driver

    assert _is_linux_driver(object.__new__(LinuxDriver))
    assert not _is_linux_driver(object.__new__(WebDriver))
