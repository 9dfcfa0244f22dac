"""Paths, cells and streams: markup and escapes in paths, spreadsheet formulas in CSV, closed or
full outputs, UTF-16 guides and ASCII-only output encodings."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO, run_cli
from test_flow_screens import SIZE, make_app, screen_text

from leakguide.content import load_guide
from leakguide.tools import paths


@pytest.mark.parametrize("name", ["x[/]", "x[bold]y", "[link=file:///etc]z"])
async def test_markup_in_the_save_and_state_directories_is_shown_as_text(tmp_path, name):
    folder = tmp_path / name
    app = make_app(tmp_path, fresh=True, save_dir=str(folder / "saved"),
                   state_dir=str(folder / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "2", "s")
        await pilot.pause()
        assert f"Saved: {folder / 'saved'}" in screen_text(app)
        app.notify(f"A path: {folder}")  # markup in any notification is plain text
        await pilot.pause()
    assert app.return_code in (0, None)
    assert len(list((folder / "saved").iterdir())) == 1


async def test_an_escape_in_the_save_directory_is_shown_escaped(tmp_path):
    app = make_app(tmp_path, fresh=True, save_dir=str(tmp_path / "x\x1b[31my"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "2", "s")
        await pilot.pause()
        text = screen_text(app)
    assert "Saved: " in text and "x\\x1b[31my" in text
    assert "\x1b" not in text


def _formula_guide(tmp_path):
    text = (FIXTURES / "flow.toml").read_text()
    outcome_title = next(line for line in text.splitlines() if line.startswith("title = ")
                         and "Get medical help today" in line)
    text = text.replace(outcome_title, 'title = "=HYPERLINK(\\"http://x\\",\\"y\\")"', 1)
    guide = tmp_path / "guide.toml"
    guide.write_text(text)
    return guide


def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path):
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert paths.csv_cell(value) == "'" + value
    assert paths.csv_cell("Normal") == "Normal" and paths.csv_cell(3) == 3
    guide = load_guide(_formula_guide(tmp_path)).guide
    assert guide is not None
    rows = list(csv.reader(io.StringIO(paths.render_csv(guide))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_a_full_disk_says_so():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "leakguide", "read"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60,
                                env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert result.returncode == 2
    assert result.stderr.strip() == "leakguide: cannot write the output: No space left on device"


@pytest.mark.parametrize(("command", "closed", "said"), [
    ("read", 1, "standard output is closed"),
    ("ask", 0, "standard input is closed"),
])
def test_a_closed_stream_says_so(command, closed, said):
    result = subprocess.run([sys.executable, "-m", "leakguide", command], stdin=subprocess.PIPE,
                            capture_output=True, text=True, timeout=60, pass_fds=(),
                            env={**os.environ, "PYTHONPATH": str(REPO / "src")},
                            preexec_fn=lambda: os.close(closed))
    assert result.returncode == 2
    assert said in result.stderr and "internal error" not in result.stderr


def test_a_utf16_guide_without_a_byte_order_mark_is_said_to_be_not_utf8(tmp_path):
    guide = tmp_path / "guide.toml"
    guide.write_bytes((FIXTURES / "minimal.toml").read_text().encode("utf-16-le"))
    result = run_cli("check", str(guide))
    assert result.returncode == 2
    assert ":1:1: error: the file is not UTF-8 text (it looks like UTF-16); save it as UTF-8" \
        in result.stdout


def test_ascii_output_encoding_gets_look_alikes_not_escapes():
    result = run_cli("paths", env={"PYTHONIOENCODING": "ascii", "LANG": "C.UTF-8"})
    assert result.returncode == 0
    assert "\\u" not in result.stdout and "\\u" not in result.stderr


async def test_the_app_draws_ascii_when_its_output_is_not_utf8(monkeypatch):
    from textual.drivers.linux_driver import LinuxDriver

    from leakguide.app import LeakGuideApp

    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setattr(sys, "__stderr__", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    app = LeakGuideApp(load_guide(FIXTURES / "minimal.toml").guide)
    driver = app.driver_class(app, debug=False, mouse=False, size=(80, 24))
    written = []
    monkeypatch.setattr(LinuxDriver, "write", lambda self, data: written.append(data))
    driver.write("\u2503 box")
    assert written == ["| box"]


def test_markup_in_the_save_directory_on_a_real_terminal(tmp_path):
    """`s` on an outcome with `--save-dir /…/x[/]`: saved and said so, no MarkupError."""
    from pty_run import PtyProgram

    save_dir = tmp_path / "x[/]"
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "PYTHONPATH": str(REPO / "src"), "HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path / "state[/]"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "LEAKGUIDE_ERROR_LOG": str(tmp_path / "errors.log")}
    program = PtyProgram([sys.executable, "-m", "leakguide", "--fresh", "--guide",
                          str(FIXTURES / "flow.toml"), "--save-dir", str(save_dir)], env,
                         width=100, height=30)
    assert program.wait_for(lambda out: b"Ask" in out, 20), program.output
    for keys in (b"a", b"2", b"s"):
        program.send(keys, settle=0.8)
    program.pump(1.0)
    program.send(b"\x11", settle=0.3)
    status = program.finish(timeout=10)
    assert not (tmp_path / "errors.log").exists(), (tmp_path / "errors.log").read_text()
    assert status == 0
    assert len(list(save_dir.iterdir())) == 1
