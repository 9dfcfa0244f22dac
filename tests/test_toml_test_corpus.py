"""Every invalid file of the toml-test suite gets a located error and exit 2, never a traceback."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from conftest import CORPORA, run_cli

from leakguide.cli import main

INVALID = CORPORA / "toml-test" / "invalid"
FILES = sorted(path for path in INVALID.rglob("*") if path.is_file())
LOCATED = re.compile(r"^(?P<file>.+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): error: \S")


def _check_in_process(path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path)])
    return code, out.getvalue(), err.getvalue()


def test_the_corpus_is_there():
    assert len(FILES) >= 500, f"expected the toml-test corpus at {INVALID}"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(INVALID)) for p in FILES])
def test_invalid_toml_gets_a_located_error(path):
    code, out, err = _check_in_process(path)
    assert code == 2
    assert err == ""  # no traceback, no internal error
    lines = out.splitlines()
    first = LOCATED.match(lines[0])
    assert first, f"first line has no FILE:LINE:COL: {lines[0]!r}"
    assert first["file"] == str(path)
    # The line named exists in the file (or is the line just past its end, for EOF errors).
    line_count = path.read_bytes().count(b"\n") + 1
    assert int(first["line"]) <= line_count
    assert re.fullmatch(rf"{re.escape(str(path))}: [1-9]\d* errors?, \d+ warnings?", lines[-1])


SUBPROCESS_SAMPLES = [
    "control/bare-null.toml",
    "encoding/bad-utf8-in-string.toml",
    "inline-table/linebreak-04.toml",
    "key/duplicate-keys-01.toml",
    "table/append-with-dotted-keys-01.toml",
    "string/basic-byte-escapes.toml",
]


@pytest.mark.parametrize("name", SUBPROCESS_SAMPLES)
def test_invalid_toml_through_the_real_command(name):
    path = INVALID / name
    assert path.is_file(), f"{name} is missing from {INVALID}"
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr == ""
    assert LOCATED.match(result.stdout.splitlines()[0])
