"""`leakguide serve`: the guide in web browsers, through textual-serve (`leakguide[serve]`).

Each browser connection runs the app in a process of its own, in hosted mode with nothing kept
(`hosted.SHARED`): no resume, no summaries on the server, no URLs opened on the server. The
outcome summary goes to the reader's browser as a download instead. The server binds to
127.0.0.1 by default; put a reverse proxy with TLS in front of it (docs/hosting.md).

Beyond textual-serve's own server this adds: the reader's process starts from a small
environment (like the SSH wrapper's, so nothing of the operator's shell reaches it), a cap on
sessions in all and per client address, a paste passes on at most `terminal.MAX_PASTE`
characters (as over SSH) and a message from the page at most `MAX_MESSAGE_BYTES`, and a
reader's process that does not end within `GRACE_SECONDS` of its tab closing is killed.

textual-serve names used here that it does not document (checked by tests/test_serve.py):
`AppService._build_environment` (to build the reader's environment) and
`AppService._process` (to kill a process that does not end).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from typing import Any

#: The hidden option that tells `leakguide` it runs under textual-serve (a browser session).
BROWSER_SESSION_FLAG = "--browser-session"
#: Seconds a reader's process has to end after its tab closes, before it is killed.
GRACE_SECONDS = 1.5
DEFAULT_MAX_SESSIONS = 200
DEFAULT_MAX_PER_CLIENT = 4
#: What of the server's environment a reader's process keeps (textual-serve adds its own
#: TEXTUAL_* and the terminal size).
KEPT_VARIABLES = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "HOME", "USER", "LOGNAME", "TZ",
                  "LEAKGUIDE_ERROR_LOG")
#: The largest message a page may send (a paste; longer ones end the session).
MAX_MESSAGE_BYTES = 1024 * 1024
#: Close code for a refused session (RFC 6455 "try again later").
TRY_AGAIN_LATER = 1013


def session_command(guide_path: str, keys_path: str | None = None,
                    python: str = sys.executable) -> str:
    """The shell command textual-serve runs for each browser: this Python, isolated (`-I`),
    the app in hosted browser mode on the operator's guide (and keymap)."""
    import shlex

    words = [python, "-I", "-m", "leakguide", "--hosted", BROWSER_SESSION_FLAG,
             "--guide", os.path.abspath(guide_path)]
    if keys_path:
        words += ["--keys", os.path.abspath(keys_path)]
    return "exec " + shlex.join(words)


def session_environment(built: dict[str, str]) -> dict[str, str]:
    """The reader's environment: textual-serve's TEXTUAL_*/size/terminal variables and the few
    `KEPT_VARIABLES`; nothing else of the operator's (PYTHONPATH, LEAKGUIDE_GUIDE, BROWSER…)."""
    from_serve = {"COLUMNS", "ROWS", "TERM_PROGRAM", "TERM_PROGRAM_VERSION"}
    environment = {name: value for name, value in built.items()
                   if name.startswith("TEXTUAL") or name in from_serve
                   or name in KEPT_VARIABLES}
    environment.setdefault("LANG", "C.UTF-8")
    environment["LEAKGUIDE_HOSTED"] = "1"
    return environment


class SessionLimits:
    """How many browser sessions run, in all and per client address; refuses past the caps."""

    def __init__(self, max_sessions: int, max_per_client: int) -> None:
        self.max_sessions = max_sessions
        self.max_per_client = max_per_client
        self.per_client: Counter[str] = Counter()

    @property
    def running(self) -> int:
        return sum(self.per_client.values())

    def admit(self, client: str) -> str | None:
        """Count a new session of `client`; or, past a cap, why not (nothing is counted)."""
        if self.running >= self.max_sessions:
            return f"the server is full ({self.max_sessions} readers); try again later"
        if self.per_client[client] >= self.max_per_client:
            return (f"too many open tabs from your address (at most {self.max_per_client}); "
                    "close one and reload")
        self.per_client[client] += 1
        return None

    def release(self, client: str) -> None:
        self.per_client[client] -= 1
        if self.per_client[client] <= 0:
            del self.per_client[client]


def make_server(command: str, *, host: str, port: int, title: str, public_url: str | None,
                max_sessions: int = DEFAULT_MAX_SESSIONS,
                max_per_client: int = DEFAULT_MAX_PER_CLIENT) -> Any:
    """A textual-serve `Server` running `command` per browser, with the limits above."""
    import asyncio
    import logging
    from pathlib import Path

    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    from .terminal import PasteLimiter

    log = logging.getLogger("leakguide.serve")

    class GuideAppService(AppService):
        """One reader's app process, started from a small environment; a paste passes on at
        most `terminal.MAX_PASTE` characters, as over SSH."""

        pastes: PasteLimiter | None = None

        def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
            return session_environment(super()._build_environment(width, height))

        async def send_bytes(self, data: bytes) -> bool:
            if self.pastes is None:
                self.pastes = PasteLimiter()
            text = self.pastes.filter(data.decode("utf-8", "replace"))
            return await super().send_bytes(text.encode("utf-8")) if text else True

        async def stop_within(self, seconds: float) -> None:
            """Ask the app to quit; kill its process if it has not ended within `seconds`."""
            try:
                await asyncio.wait_for(asyncio.shield(self.stop()), seconds)
            except asyncio.TimeoutError:
                process = self._process
                if process is not None and process.returncode is None:
                    log.warning("a reader's app did not end within %ss: killed", seconds)
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
            process = self._process
            if process is not None:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(process.wait(), seconds)

    class GuideServer(Server):
        """textual-serve's server with session caps and a deadline for ending processes."""

        limits = SessionLimits(max_sessions, max_per_client)
        service_class = GuideAppService  # tests reach the reader's service through it

        async def on_startup(self, app: web.Application) -> None:
            where = self.public_url
            self.console.print(f"leakguide: serving the guide to web browsers on {where} "
                               f"(listening on {self.host}:{self.port}); Ctrl+C stops.")

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            # One message from the page is one key or one paste: 1 MiB is plenty, and bounds
            # what a client can make the server hold (aiohttp's default is 4 MiB).
            websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
            client = request.remote or "unknown"
            refused = self.limits.admit(client)
            await websocket.prepare(request)
            if refused is not None:
                await websocket.send_bytes(f"\r\nleakguide: {refused}.\r\n".encode())
                await websocket.close(code=TRY_AGAIN_LATER, message=refused.encode()[:120])
                return websocket
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            service: GuideAppService | None = None
            try:
                service = self.service_class(
                    self.command, write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,  # type: ignore[arg-type]
                    download_manager=self.download_manager, debug=self.debug,
                )
                await service.start(width, height)
                await self._process_messages(websocket, service)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # noqa: BLE001 - one reader's failure: log, go on
                log.exception(error)
            finally:
                self.limits.release(client)
                if service is not None:
                    await service.stop_within(GRACE_SECONDS)
            return websocket

    templates = Path(__file__).with_name("web")  # the page: textual-serve's, for phones too
    return GuideServer(command, host=host, port=port, title=title, public_url=public_url,
                       templates_path=templates)


def serve(guide_path: str, title: str, *, host: str, port: int, public_url: str | None,
          keys_path: str | None = None, max_sessions: int = DEFAULT_MAX_SESSIONS,
          max_per_client: int = DEFAULT_MAX_PER_CLIENT) -> None:
    """Serve the guide to browsers until Ctrl+C or SIGTERM."""
    server = make_server(session_command(guide_path, keys_path), host=host, port=port,
                         title=title, public_url=public_url, max_sessions=max_sessions,
                         max_per_client=max_per_client)
    server.serve()
