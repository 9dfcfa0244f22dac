"""The app in a real terminal (tmux) with the terminals readers use: several TERMs, no
colour, a non-UTF-8 locale, small sizes. No traceback anywhere; `q` always quits cleanly."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from sshd_harness import Tmux, require

TITLE = "Test guide"
LET_DOWN_BODY = "A hormone makes the breast"  # the start of its body (lines wrap)
TOO_SMALL = "too small"


@pytest.fixture
def terminal(tmp_path: Path):
    require("tmux")
    tmux = Tmux(tmp_path)
    yield tmux
    tmux.close()


def start_app(tmux: Tmux, tmp_path: Path, width: int = 80, height: int = 24,
              **env: str) -> None:
    base = {
        "PYTHONPATH": str(REPO / "src"), "HOME": str(tmp_path), "TERM": "xterm-256color",
        "LANG": "C.UTF-8", "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"), "NO_COLOR": "", "LC_ALL": "", "LC_CTYPE": "",
    }
    tmux.start(["env", "-u", "NO_COLOR", "-u", "LC_ALL", "-u", "LC_CTYPE", "-u", "LANG",
                *[f"{k}={v}" for k, v in {**base, **env}.items() if v],
                sys.executable, "-m", "leakguide", "--fresh",
                "--guide", str(FIXTURES / "minimal.toml")], width, height)


def quit_cleanly(tmux: Tmux) -> None:
    tmux.keys("q")
    assert tmux.wait_exit() == 0
    assert "Traceback" not in tmux.screen()


def read_a_topic(tmux: Tmux) -> None:
    tmux.keys("/")
    tmux.wait_screen("Search [—-] ")  # the search screen's title (its keys vary with the width)
    tmux.text("dripping")
    tmux.wait_screen(r"\d+ topics? found")  # results are in
    tmux.keys("Enter")
    tmux.wait_screen(r"(?-i:\bTopic\b)")  # the topic pane's title (the tree is "Topics")


@pytest.mark.parametrize("term", ["xterm-256color", "screen-256color", "tmux-256color",
                                  "xterm", "linux", "vt100"])
def test_terms(terminal: Tmux, tmp_path: Path, term: str):
    start_app(terminal, tmp_path, TERM=term)
    terminal.wait_screen(TITLE)
    read_a_topic(terminal)
    quit_cleanly(terminal)


def test_no_color(terminal: Tmux, tmp_path: Path):
    start_app(terminal, tmp_path, NO_COLOR="1")
    terminal.wait_screen(TITLE)
    read_a_topic(terminal)
    quit_cleanly(terminal)


@pytest.mark.parametrize("locale", [{"LANG": "C"}, {"LANG": "POSIX"}, {"LC_ALL": "C"}])
def test_non_utf8_locale_gets_ascii_only(terminal: Tmux, tmp_path: Path, locale):
    start_app(terminal, tmp_path, **locale)
    screen = terminal.wait_screen(TITLE)
    assert screen.isascii(), [c for c in screen if not c.isascii()]
    read_a_topic(terminal)
    screen = terminal.screen()
    assert screen.isascii(), [c for c in screen if not c.isascii()]
    terminal.keys("?")
    screen = terminal.wait_screen("Search")
    assert screen.isascii(), [c for c in screen if not c.isascii()]
    terminal.keys("?")
    quit_cleanly(terminal)


@pytest.mark.parametrize(("width", "height"), [(80, 24), (60, 20), (40, 12)])
def test_sizes(terminal: Tmux, tmp_path: Path, width: int, height: int):
    start_app(terminal, tmp_path, width=width, height=height)
    terminal.wait_screen(r"Test guide|let-down reflex")
    read_a_topic(terminal)
    quit_cleanly(terminal)


def test_search_typed_ahead_in_one_burst_acts_in_order(terminal: Tmux, tmp_path: Path):
    """Over a slow link `/dripping`, Enter and `q` arrive together: Enter opens the first
    result for the words typed before it, and `q` then quits instead of landing in the field."""
    start_app(terminal, tmp_path)
    terminal.wait_screen(TITLE)
    terminal.burst("/dripping", "Enter")
    terminal.wait_screen(LET_DOWN_BODY)
    assert not re.search("Search [—-] ", terminal.screen())
    terminal.burst("/dripping", "Enter", "q")
    assert terminal.wait_exit() == 0
    assert "Traceback" not in terminal.screen()


def test_smallest_usable_size_starts_and_quits(terminal: Tmux, tmp_path: Path):
    """30x10 is the smallest size the app draws itself at (below it: the message)."""
    start_app(terminal, tmp_path, width=30, height=10)
    screen = terminal.wait_screen(r"\S")
    assert TOO_SMALL not in screen.lower()
    quit_cleanly(terminal)


def test_too_small_says_so_and_recovers(terminal: Tmux, tmp_path: Path):
    """At 20x6 (the size the issue names) the app asks for a bigger terminal, and comes back."""
    start_app(terminal, tmp_path, width=20, height=6)
    terminal.wait_screen(TOO_SMALL)
    terminal.resize(80, 24)
    terminal.wait_screen(TITLE)
    terminal.resize(29, 10)
    terminal.wait_screen(TOO_SMALL)
    terminal.resize(30, 9)
    terminal.wait_screen(TOO_SMALL)
    terminal.resize(60, 20)
    terminal.wait_screen(r"Test guide|let-down reflex")
    quit_cleanly(terminal)
