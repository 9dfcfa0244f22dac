"""The `leakguide` command line: help, version, `check` and its exit codes."""

from __future__ import annotations

import re

import pytest
from conftest import BUNDLED_GUIDE, FIXTURES, run_cli
from guide_text import edit

from leakguide import __version__
from leakguide.cli import main

MINIMAL = FIXTURES / "minimal.toml"
MANY = FIXTURES / "bad" / "many-problems.toml"


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_top_level_help():
    result = run_cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: leakguide")
    for word in ("check", "--guide", "--version", "LEAKGUIDE_GUIDE"):
        assert word in result.stdout


def test_check_help():
    result = run_cli("check", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: leakguide check")
    for word in ("--strict", "--quiet", "GUIDE", "FILE:LINE:COL"):
        assert word in result.stdout


def test_version():
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"leakguide {__version__}\n")


def test_unknown_option_is_a_usage_error():
    result = run_cli("check", "--frobnicate")
    assert result.returncode == 2
    assert "unrecognized arguments: --frobnicate" in result.stderr
    _no_traceback(result)


def test_clean_guide_exits_0():
    result = run_cli("check", str(MINIMAL))
    assert (result.returncode, result.stdout, result.stderr) == (
        0, f"{MINIMAL}: 0 errors, 0 warnings\n", ""
    )


def test_missing_file_exits_2(tmp_path):
    path = tmp_path / "missing.toml"
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert result.stdout == f"{path}: error: no such file\n{path}: 1 error, 0 warnings\n"
    _no_traceback(result)


def test_directory_exits_2(tmp_path):
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout.startswith(f"{tmp_path}: error: is a directory, not a guide file\n")
    _no_traceback(result)


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", bytes(range(256)) * 4,
     b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64],
    ids=["png", "all-bytes", "elf"],
)
def test_binary_file_exits_2(tmp_path, content):
    path = tmp_path / "guide.toml"
    path.write_bytes(content)
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: error: ", result.stdout)
    _no_traceback(result)


def test_several_files_in_one_run(tmp_path):
    missing = tmp_path / "missing.toml"
    result = run_cli("check", str(MINIMAL), str(MANY), str(missing))
    assert result.returncode == 2
    counts = [line for line in result.stdout.splitlines() if re.search(r": \d+ errors?, ", line)]
    assert counts == [
        f"{MINIMAL}: 0 errors, 0 warnings",
        f"{MANY}: 8 errors, 4 warnings",
        f"{missing}: 1 error, 0 warnings",
    ]
    # Each file's problems come before its own count.
    lines = result.stdout.splitlines()
    assert lines.index(counts[1]) - lines.index(counts[0]) == 13


def test_all_clean_files_exit_0():
    result = run_cli("check", str(MINIMAL), str(MINIMAL))
    assert result.returncode == 0


def test_strict_turns_warnings_into_errors(tmp_path, capsys):
    path = tmp_path / "odd: warning: name.toml"  # only the problem's severity changes
    path.write_text(edit(('evidence = "clinical"\nsources = ["nhs"]\nkeywords',
                          'sources = ["nhs"]\nkeywords')), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert ": warning: [topic \"let-down\"]: topic has no evidence label" in out
    assert out.endswith(": 0 errors, 1 warning\n")
    assert main(["check", "--strict", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"{path}:53:1: error: [topic \"let-down\"]: topic has no evidence label\n" in out
    assert out.endswith(": 1 error, 0 warnings\n")


def test_quiet_prints_only_problems(capsys):
    assert main(["check", "-q", str(MINIMAL)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--quiet", str(MANY)]) == 2
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 12 and "8 errors" not in out


def test_check_without_a_file_uses_leakguide_guide(tmp_path):
    path = tmp_path / "from-env.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    result = run_cli("check", env={"LEAKGUIDE_GUIDE": str(path)})
    assert result.returncode == 2
    assert f"{path}:1:1: error: missing required key `flow`" in result.stdout


def test_check_without_a_file_or_env_uses_the_bundled_guide():
    result = run_cli("check", env={"LEAKGUIDE_GUIDE": ""})
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("0 errors, 0 warnings\n")
    assert "guide.toml" in result.stdout


def test_bundled_guide_passes_strict_check():
    result = run_cli("check", "--strict", str(BUNDLED_GUIDE))
    assert result.returncode == 0, result.stdout
    assert result.stdout == f"{BUNDLED_GUIDE}: 0 errors, 0 warnings\n"


def test_broken_guide_never_starts_the_app(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('format = 1\ntitle = "x', encoding="utf-8")
    result = run_cli("--guide", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:2:")
    assert f"1 error; fix it and try again (`leakguide check {path}`)" in result.stderr
    _no_traceback(result)


def test_env_guide_with_errors_never_starts_the_app(tmp_path):
    path = tmp_path / "nothing.toml"
    result = run_cli(env={"LEAKGUIDE_GUIDE": str(path)})
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}: error: no such file\n")


def test_check_never_shows_a_traceback_on_internal_errors(monkeypatch, capsys):
    import leakguide.content as content

    def explode(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(content, "load_guide", explode)
    assert main(["check", str(MINIMAL)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("leakguide: internal error: RuntimeError: boom")
    assert "Traceback" not in err
