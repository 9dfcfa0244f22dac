"""Any bytes from the reader's terminal, and any unexpected error, on a real pseudo-terminal:
bad input is dropped, an error shows one short sentence and exits non-zero, and the terminal is
left as it was."""

from __future__ import annotations

import sys

import pytest
from conftest import FIXTURES, REPO
from pty_run import PtyProgram

from leakguide.crash import READER_SENTENCE

#: Starts the real command line; the `--crash` variant breaks the help key first.
SCRIPT = """
import sys
if sys.argv[1:2] == ["--crash"]:
    del sys.argv[1]
    from leakguide.app import LeakGuideApp
    def broken(self):
        raise RuntimeError("/opt/secret/install/path")
    LeakGuideApp.action_help = broken
import termios
from leakguide.cli import main
before = termios.tcgetattr(0)
status = main(sys.argv[1:])
try:
    if termios.tcgetattr(0) == before:
        print("TERMINAL-AS-IT-WAS")
except termios.error:  # after a hang-up the terminal is gone (stdin is /dev/null)
    pass
raise SystemExit(status)
"""


def start(tmp_path, *args: str) -> PtyProgram:
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "PYTHONPATH": str(REPO / "src"), "HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "LEAKGUIDE_ERROR_LOG": str(tmp_path / "errors.log")}
    program = PtyProgram([sys.executable, "-c", SCRIPT, *args, "--fresh",
                          "--guide", str(FIXTURES / "minimal.toml")], env, width=120)
    assert program.wait_for(lambda out: b"Test guide" in out, 20), program.output
    program.pump(0.5)
    return program


def assert_terminal_restored(program: PtyProgram) -> None:
    assert b"TERMINAL-AS-IT-WAS" in program.output  # the same terminal modes as before
    assert program.output.rfind(b"\x1b[?1049l") > program.output.rfind(b"\x1b[?1049h")


@pytest.mark.parametrize("hosted", [False, True], ids=["local", "hosted"])
def test_invalid_bytes_and_x10_mouse_clicks_are_dropped(tmp_path, hosted):
    program = start(tmp_path, *(["--hosted"] if hosted else []))
    for data in (b"\xff", b"\x80", "é".encode("latin-1"), b"\xc3",
                 b"\x1b[M" + bytes([32, 33 + 100, 33 + 3]),   # X10 press at column 101
                 b"\x1b[M" + bytes([35, 33 + 200, 33 + 3])):  # and its release
        program.send(data, settle=0.3)
    program.send(b"?", settle=0.5)  # still answering keys: the help screen opens
    assert b"Help" in program.output or b"help" in program.output
    program.send(b"\x11", settle=0.3)  # ctrl+q
    status = program.finish(timeout=10)
    assert b"Traceback" not in program.output
    assert READER_SENTENCE.encode() not in program.output
    assert status == 0
    assert not (tmp_path / "errors.log").exists()


@pytest.mark.parametrize("hosted", [False, True], ids=["local", "hosted"])
def test_an_unexpected_error_is_one_sentence_and_a_failure(tmp_path, hosted):
    program = start(tmp_path, "--crash", *(["--hosted"] if hosted else []))
    program.send(b"?", settle=1.0)
    status = program.finish(timeout=10)
    output = program.output.decode("utf-8", "replace")
    assert READER_SENTENCE in output
    assert "Traceback" not in output and "/opt/secret" not in output
    assert "RuntimeError" not in output and ".py" not in output.split(READER_SENTENCE)[-1]
    assert status not in (0, None)
    assert "RuntimeError: /opt/secret/install/path" in (tmp_path / "errors.log").read_text()
    assert_terminal_restored(program)


def test_the_decoder_keeps_valid_text_around_bad_bytes():
    from leakguide.terminal import TerminalInputDecoder

    decoder = TerminalInputDecoder()
    assert decoder.decode(b"a\xffb\x80c\xe9d") == "abcd"
    assert decoder.decode("é".encode()[:1]) == ""  # half of a character: wait for the rest
    assert decoder.decode("é".encode()[1:] + b"!") == "é!"
    click = b"\x1b[M" + bytes([32, 200, 40])
    assert decoder.decode(click[:4]) == ""  # a split report waits for its last bytes
    assert decoder.decode(click[4:] + b"x") == click.decode("latin-1") + "x"
