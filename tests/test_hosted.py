"""Hosted mode: which readers keep what, and nothing opened or saved on the server."""

from __future__ import annotations

import io
import subprocess
import sys
import webbrowser

import pytest
from conftest import FIXTURES, REPO
from textual.app import App

from leakguide.hosted import (
    PERSONAL,
    SHARED,
    hosted_options,
    hosting_mode,
)
from leakguide.options import AppOptions
from leakguide.terminal import driver_class_for, locale_is_utf8, to_ascii


@pytest.mark.parametrize(("flag", "env", "expected"), [
    (False, {}, None),
    (False, {"SSH_CONNECTION": "1 2 3 4"}, None),  # a person's own login is not hosting
    (True, {}, SHARED),
    (False, {"LEAKGUIDE_HOSTED": "1"}, SHARED),
    (False, {"LEAKGUIDE_HOSTED": "shared"}, SHARED),
    (False, {"LEAKGUIDE_HOSTED": "0"}, None),
    (True, {"LEAKGUIDE_HOSTED": "personal"}, PERSONAL),
])
def test_hosting_mode(flag, env, expected):
    assert hosting_mode(flag, env) == expected


def test_shared_accounts_keep_nothing():
    options = hosted_options(AppOptions(save_dir="/tmp/x", state_dir="/tmp/y"), SHARED)
    assert options.hosted and options.state_dir is None and options.save_dir is None


def test_personal_accounts_keep_their_own(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    options = hosted_options(AppOptions(), PERSONAL)
    assert options.hosted
    assert options.state_dir == str(tmp_path / "state" / "leakguide")
    assert options.save_dir == str(tmp_path / "data" / "leakguide" / "summaries")


def test_not_hosted_is_unchanged():
    options = AppOptions(save_dir="/tmp/x")
    assert hosted_options(options, None) is options


async def test_no_command_palette_to_save_screenshots_or_files(tmp_path, monkeypatch):
    """Textual's palette offers "Screenshot" (an SVG written on the server): the app has none."""
    from leakguide.app import LeakGuideApp
    from leakguide.content import load_guide

    monkeypatch.chdir(tmp_path)
    guide = load_guide(FIXTURES / "minimal.toml").guide
    app = LeakGuideApp(guide, options=hosted_options(AppOptions(), SHARED))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ != "CommandPalette"
    assert not LeakGuideApp.ENABLE_COMMAND_PALETTE
    assert list(tmp_path.iterdir()) == []


async def test_hosted_driver_opens_no_url_and_saves_no_file(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: opened.append(a))
    driver_class = driver_class_for(hosted=True, ascii_only=False)
    driver = driver_class(App(), debug=False, mouse=False, size=(80, 24))
    driver.open_url("https://example.org/")
    target = tmp_path / "shot.svg"
    driver.deliver_binary(io.BytesIO(b"<svg/>"), delivery_key="k", save_path=target)
    assert opened == []
    assert not target.exists()


async def test_the_app_drives_a_hosted_terminal_safely_and_compactly(monkeypatch):
    """Hosted in a C locale: the app's own driver opens no URL, sends only ASCII, and still
    writes compacted frames."""
    from textual.drivers.linux_driver import LinuxDriver

    from leakguide.app import LeakGuideApp
    from leakguide.content import load_guide
    from leakguide.render.sgr import compact_sgr

    for name in ("LC_ALL", "LC_CTYPE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")
    opened, written = [], []
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: opened.append(a))
    monkeypatch.setattr(LinuxDriver, "write", lambda self, data: written.append(data))
    guide = load_guide(FIXTURES / "minimal.toml").guide
    app = LeakGuideApp(guide, options=hosted_options(AppOptions(), SHARED))
    driver = app.driver_class(app, debug=False, mouse=False, size=(80, 24))
    driver.open_url("https://example.org/")
    frame = "\x1b[1;31ma\x1b[0m\x1b[1;31mb\x1b[0m \u2014 \u2192"
    driver.write(frame)
    assert opened == []
    assert written == [to_ascii(compact_sgr(frame))]
    assert written[0].isascii() and len(written[0]) < len(frame)


def test_not_hosted_in_utf8_the_driver_only_reads_input_tolerantly():
    from textual.drivers.linux_driver import LinuxDriver

    driver_class = driver_class_for(hosted=False, ascii_only=False)
    assert issubclass(driver_class, LinuxDriver)
    assert driver_class.write is LinuxDriver.write
    assert driver_class.open_url is LinuxDriver.open_url


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "C.UTF-8"}, True), ({"LANG": "en_GB.utf8"}, True), ({"LANG": "C"}, False),
    ({"LANG": "en_US.ISO-8859-1"}, False), ({}, False), ({"LANG": "POSIX"}, False),
    ({"LC_ALL": "C", "LANG": "C.UTF-8"}, False), ({"LC_CTYPE": "C.UTF-8", "LANG": "C"}, True),
])
def test_locale_is_utf8(env, expected):
    assert locale_is_utf8(env) is expected


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "C"}, "False"), ({"LANG": "C.UTF-8"}, "True"), ({}, "False"),
    ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, "True"),
    # a UTF-8 locale this system lacks (a Chinese reader's LANG forwarded over SSH)
    ({"LANG": "xx_XX.UTF-8"}, "True"), ({"LC_ALL": "xx_XX.UTF-8"}, "True"),
    ({"LANG": "xx_XX.ISO-8859-1"}, "False"),
])
def test_locale_is_utf8_sees_through_pythons_own_coercion(env, expected):
    result = subprocess.run(
        [sys.executable, "-c", "from leakguide.terminal import locale_is_utf8 as f; print(f())"],
        env={**env, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, check=True,
    )
    assert result.stdout.strip() == expected


def test_to_ascii_keeps_every_cell_width():
    from rich.cells import cell_len

    samples = ["┌─┬─┐│ ├┤└┘╭╮╰╯━┃", "▁▂▃▄▅▆▇█▌▐", "— ’ “ ” … • ▶ ▼ → ✓ ⭘ ›", "café naïve Ærø",
               "日本語 😀 ok", "plain"]
    for text in samples:
        converted = to_ascii(text)
        assert converted.isascii(), converted
        assert cell_len(converted) == cell_len(text), (text, converted)
    assert to_ascii("café – “quoted”") == "cafe - \"quoted\""
    assert to_ascii("\x1b[1mbold\x1b[0m") == "\x1b[1mbold\x1b[0m"  # escapes are ASCII
