"""`leakguide serve` without a browser: the command and environment of a reader's process,
the session caps (through the real server, over its websocket) and the textual-serve names
serve.py relies on."""

from __future__ import annotations

import asyncio
import json
import shlex
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from serve_harness import running_server, sessions_of

aiohttp = pytest.importorskip("aiohttp", reason="needs leakguide[serve]")
pytest.importorskip("textual_serve", reason="needs leakguide[serve]")

from leakguide.serve import (  # noqa: E402 - after the skip
    BROWSER_SESSION_FLAG,
    TRY_AGAIN_LATER,
    SessionLimits,
    session_command,
    session_environment,
)


def test_a_session_runs_this_python_isolated_in_hosted_browser_mode(tmp_path):
    guide = tmp_path / "my guide; rm -rf ~.toml"
    command = session_command(str(guide), "keys.toml", python="/opt/py thon")
    assert command.startswith("exec ")
    words = shlex.split(command[len("exec "):])
    assert words[:5] == ["/opt/py thon", "-I", "-m", "leakguide", "--hosted"]
    assert BROWSER_SESSION_FLAG in words
    assert words[words.index("--guide") + 1] == str(guide)  # one word, however it is named
    assert Path(words[words.index("--keys") + 1]).is_absolute()


def test_a_session_gets_none_of_the_operators_environment():
    built = {"PATH": "/usr/bin", "HOME": "/home/op", "PYTHONPATH": "/evil",
             "LEAKGUIDE_GUIDE": "/other.toml", "BROWSER": "firefox", "LEAKGUIDE_HOSTED":
             "personal", "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
             "COLUMNS": "80", "ROWS": "24", "AWS_SECRET_ACCESS_KEY": "x"}
    environment = session_environment(built)
    assert environment["LEAKGUIDE_HOSTED"] == "1"
    assert environment["TEXTUAL_DRIVER"].endswith("WebDriver")
    assert environment["COLUMNS"] == "80" and environment["PATH"] == "/usr/bin"
    for gone in ("PYTHONPATH", "LEAKGUIDE_GUIDE", "BROWSER", "AWS_SECRET_ACCESS_KEY"):
        assert gone not in environment
    assert environment["LANG"] == "C.UTF-8"


def test_session_caps_in_all_and_per_client():
    limits = SessionLimits(max_sessions=3, max_per_client=2)
    assert limits.admit("a") is None and limits.admit("a") is None
    assert "too many open tabs" in (limits.admit("a") or "")
    assert limits.admit("b") is None
    assert "server is full" in (limits.admit("c") or "")
    limits.release("a")
    assert limits.admit("c") is None
    assert limits.running == 3


def test_the_textual_serve_names_serve_py_relies_on_are_there():
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager
    from textual_serve.server import Server

    assert callable(AppService._build_environment)
    assert callable(Server._process_messages)

    async def nothing(*_args) -> None:
        return None

    service = AppService("true", write_bytes=nothing, write_str=nothing, close=nothing,
                         download_manager=DownloadManager())
    assert hasattr(service, "_process")


def test_serve_refuses_a_bad_port_and_a_missing_keymap(tmp_path):
    assert run_cli("serve", "--port", "70000").returncode == 2
    missing = run_cli("serve", "--keys", str(tmp_path / "nope.toml"))
    assert missing.returncode == 2 and "no keymap file" in missing.stderr


async def _first_screen(url: str, client: aiohttp.ClientSession):
    ws = await client.ws_connect(url + "ws?width=80&height=24")
    await ws.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
    return ws


async def _drawn(ws, text: bytes) -> bool:
    seen = b""
    while text not in seen:
        message = await ws.receive(timeout=30)
        if message.type != aiohttp.WSMsgType.BINARY:
            return False
        seen += message.data
    return True


def test_the_real_server_caps_tabs_per_client_and_keeps_the_operators_environment():
    guide = FIXTURES / "minimal.toml"

    async def visit(url: str, pid: int) -> None:
        async with aiohttp.ClientSession() as client:
            first = await _first_screen(url, client)
            second = await _first_screen(url, client)
            assert await _drawn(first, b"What should I do?")
            assert await _drawn(second, b"What should I do?")
            third = await _first_screen(url, client)
            refused = b""
            while True:
                message = await third.receive(timeout=30)
                if message.type == aiohttp.WSMsgType.BINARY:
                    refused += message.data
                else:
                    break
            assert b"too many open tabs from your address" in refused
            assert third.close_code == TRY_AGAIN_LATER
            sessions = sessions_of(pid)
            assert len(sessions) == 2
            for session in sessions:  # the server ran with PYTHONPATH set: not passed on
                environ = Path(f"/proc/{session}/environ").read_bytes().split(b"\0")
                assert not any(v.startswith(b"PYTHONPATH=") for v in environ)
                assert b"LEAKGUIDE_HOSTED=1" in environ
            await first.send_str(json.dumps(["stdin", "q"]))  # quitting ends that session
            for _ in range(100):
                if len(sessions_of(pid)) == 1:
                    break
                await asyncio.sleep(0.05)
            assert len(sessions_of(pid)) == 1

    with running_server("--guide", str(guide), "--max-per-client", "2") as (process, url):
        asyncio.run(visit(url, process.pid))
        assert process.poll() is None


def test_serve_without_textual_serve_says_what_to_install(tmp_path):
    blocker = tmp_path / "textual_serve.py"
    blocker.write_text("raise ImportError('not installed')\n", encoding="utf-8")
    source = Path(__file__).resolve().parents[1] / "src"
    result = run_cli("serve", env={"PYTHONPATH": f"{tmp_path}:{source}"})
    assert result.returncode == 2
    assert "pip install 'leakguide[serve]'" in result.stderr


async def test_a_paste_from_the_page_passes_on_at_most_max_paste_characters(monkeypatch):
    from textual_serve.app_service import AppService

    from leakguide.serve import make_server
    from leakguide.terminal import MAX_PASTE, PASTE_END, PASTE_START

    passed: list[bytes] = []

    async def record(self, data: bytes) -> bool:
        passed.append(data)
        return True

    monkeypatch.setattr(AppService, "send_bytes", record)
    server = make_server("true", host="127.0.0.1", port=1, title="t", public_url=None)

    async def nothing(*_args) -> None:
        return None

    from textual_serve.download_manager import DownloadManager

    service = server.service_class("true", write_bytes=nothing, write_str=nothing,
                                   close=nothing, download_manager=DownloadManager())
    await service.send_bytes(b"j")
    await service.send_bytes((PASTE_START + "x" * 100_000 + PASTE_END).encode())
    await service.send_bytes(b"k")
    text = b"".join(passed).decode()
    assert text.startswith("j" + PASTE_START) and text.endswith(PASTE_END + "k")
    assert text.count("x") == MAX_PASTE
