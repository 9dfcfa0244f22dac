"""The content package and `leakguide check` must never load Textual."""

from __future__ import annotations

import subprocess
import sys

from conftest import BUNDLED_GUIDE, REPO


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "src")}, check=True,
    )
    return set(result.stdout.split())


def test_content_package_does_not_import_textual():
    modules = _modules_after("import leakguide.content, leakguide.content.validate")
    assert "leakguide.content.loader" in modules
    assert not {m for m in modules if m.split(".")[0] == "textual"}


def test_check_command_does_not_import_textual():
    code = (
        "import contextlib, io\n"
        "from leakguide.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['check', {str(BUNDLED_GUIDE)!r}]) == 0\n"
    )
    modules = _modules_after(code)
    assert "leakguide.content.validate" in modules
    assert not {m for m in modules if m.split(".")[0] == "textual"}
