"""Every input a reader controls has a limit: the search field (typed or pasted), a paste as
the terminal sends it, and a line of `leakguide ask`."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO, run_cli
from snapshot_apps import make_app
from textual import events
from textual.widgets import Input

from leakguide.screens.search import MAX_QUERY_LENGTH, SearchScreen
from leakguide.terminal import MAX_PASTE, PASTE_END, PASTE_START, PasteLimiter
from leakguide.tools.ask import MAX_LINE_LENGTH


async def test_the_search_field_takes_at_most_the_limit_typed_or_pasted():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        field = app.screen.query_one(Input)
        field.post_message(events.Paste("pads " * 100_000))  # 500,000 characters
        await pilot.pause()
        assert len(field.value) == MAX_QUERY_LENGTH
        assert field.value.startswith("pads pads")
        await pilot.press("x", "y")  # typing past the limit adds nothing
        assert len(field.value) == MAX_QUERY_LENGTH
        await pilot.press("backspace", "z")
        assert len(field.value) == MAX_QUERY_LENGTH and field.value.endswith("z")


def test_a_long_bracketed_paste_is_cut_short_before_the_app_sees_it():
    limiter = PasteLimiter()
    sent = "a" + PASTE_START + "x" * 1_000_000 + PASTE_END + "q"
    pieces = [limiter.filter(sent[i:i + 4096]) for i in range(0, len(sent), 4096)]
    assert "".join(pieces) == "a" + PASTE_START + "x" * MAX_PASTE + PASTE_END + "q"


def test_markers_split_across_reads_are_still_seen():
    limiter = PasteLimiter(limit=3)
    sent = "k" + PASTE_START + "123456" + PASTE_END + "\x1b[A"
    expected = "k" + PASTE_START + "123" + PASTE_END + "\x1b[A"
    assert "".join(limiter.filter(c) for c in sent) == expected


#: `leakguide ask` in a child that reports its own peak memory (kB) on stderr at the end: its
#: VmHWM (ru_maxrss would count the memory of the process it was forked from).
ASK_WITH_PEAK = """
import re, sys
from leakguide.cli import main
code = main(["ask", sys.argv[1]])
status = open("/proc/self/status").read()
print("PEAK", re.search(r"VmHWM:\\s+(\\d+)", status).group(1), file=sys.stderr)
raise SystemExit(code)
"""


def test_ask_reads_a_huge_line_without_holding_it():
    size = 200 * 1024 * 1024
    child = subprocess.Popen(
        [sys.executable, "-c", ASK_WITH_PEAK, str(FIXTURES / "minimal.toml")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "src"), "LANG": "C.UTF-8"},
    )
    chunk = b"1" * (1024 * 1024)
    for _ in range(size // len(chunk)):
        child.stdin.write(chunk)
    child.stdin.write(b"\nq\n")
    child.stdin.close()
    out = child.stdout.read().decode()
    err = child.stderr.read().decode()
    child.wait(timeout=60)
    assert f"too long (more than {MAX_LINE_LENGTH} characters)" in out
    assert "Stopped." in out  # the `q` after the long line was read as the next answer
    peak_kib = int(err.split("PEAK")[1])
    assert peak_kib < 150 * 1024, f"peak {peak_kib // 1024} MiB for a 200 MiB line"


def test_answers_on_the_command_line_are_limited_in_number_and_length():
    from leakguide.cli import MAX_ANSWERS

    guide = str(FIXTURES / "minimal.toml")
    many = run_cli("--guide", guide, "--answers", ",".join(["1"] * (MAX_ANSWERS + 1)))
    assert many.returncode == 2
    assert f"more than {MAX_ANSWERS} answers" in many.stderr
    long_token = "x" * 100_000
    long = run_cli("--guide", guide, "--answers", f"2,{long_token}")
    assert long.returncode == 2
    assert f"longer than {MAX_LINE_LENGTH} characters" in long.stderr
    assert long_token not in long.stderr  # the token is not echoed whole
    assert len(long.stderr) < 1000
    # At the limits, the usual message about what the answers mean.
    at_limit = run_cli("--guide", guide, "--answers", "2," + "x" * MAX_LINE_LENGTH)
    assert at_limit.returncode == 2 and "is not an answer to" in at_limit.stderr


def test_keys_past_the_budget_are_dropped_and_come_back_with_time():
    from leakguide.terminal import KeyBudget

    now = [0.0]
    budget = KeyBudget(burst=5, per_second=10, clock=lambda: now[0])
    assert [budget.may_send() for _ in range(7)] == [True] * 5 + [False, False]
    assert budget.dropped == 2
    now[0] = 0.25  # 2.5 keys' worth of time
    assert [budget.may_send() for _ in range(3)] == [True, True, False]
    now[0] = 100.0  # a long pause refills it, up to the burst
    assert sum(budget.may_send() for _ in range(10)) == 5


@pytest.mark.skipif(sys.platform == "win32", reason="a pty")
def test_a_long_paste_sent_as_typing_costs_little_and_is_told(tmp_path):
    """An unbracketed paste arrives as one key per character: 100 KB into search took 25 s
    of CPU and 205 MB, and a megabyte crashed the app with tracebacks on the reader's screen.
    Past the key budget the keys are dropped and the reader is told."""
    import os

    from pty_run import PtyProgram, strip_escapes

    env = {"PYTHONPATH": str(REPO / "src"), "HOME": str(tmp_path), "TERM": "xterm-256color",
           "LANG": "C.UTF-8", "LEAKGUIDE_STATE_DIR": str(tmp_path),
           "PATH": os.environ.get("PATH", "")}
    argv = [sys.executable, "-m", "leakguide", "--fresh", "--guide",
            str(FIXTURES / "minimal.toml")]
    with PtyProgram(argv, env) as app:
        app.wait_for_text("Test guide", timeout=60)
        app.send(b"/", settle=0.5)
        paste = b"fever mastitis " * 20_000  # 300 KB, as typing
        for start in range(0, len(paste), 4096):
            app.send(paste[start:start + 4096])
            app.pump(0.001)
        assert app.wait_for(lambda out: "Too many keys came at once" in strip_escapes(out), 60)
        app.send(b"\x1b", settle=2.0)  # leave search (a lone Escape, not Alt+q)
        # VmHWM of the app itself (ru_maxrss would count the test process it was forked from).
        peak = app.peak_rss_kib() or 0
        app.send(b"q")
        assert app.wait_exit(30) == 0
        assert "Traceback" not in strip_escapes(bytes(app.output))
    assert 0 < peak < 150 * 1024, f"peak {peak // 1024} MiB"
