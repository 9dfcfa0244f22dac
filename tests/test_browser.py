"""`leakguide serve` in a real browser: headless Chromium driven over the Chrome DevTools
protocol (with aiohttp's websocket client, which textual-serve brings) through the real server.

What the page shows is read from the frames the server sends to the page's terminal (the
browser's own websocket traffic, seen through the protocol's Network events), with the escape
sequences taken out. Skipped when Chromium is not installed (`.ci/run` installs Debian's).

Set LEAKGUIDE_SCREENSHOTS=DIR to save the page at phone and desktop size into DIR.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import FIXTURES
from serve_harness import running_server, sessions_of

aiohttp = pytest.importorskip("aiohttp", reason="needs leakguide[serve]")

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium here: `apt-get install chromium` (as .ci/run does)")

GUIDE = FIXTURES / "minimal.toml"
ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
KEYS = {  # key name -> (key, code, Windows key code, text)
    "ArrowDown": ("ArrowDown", "ArrowDown", 40, ""),
    "ArrowUp": ("ArrowUp", "ArrowUp", 38, ""),
    "Escape": ("Escape", "Escape", 27, ""),
    "/": ("/", "Slash", 191, "/"),
}


@pytest.fixture(scope="module")
def server():
    """`leakguide serve` on a free port of 127.0.0.1, with the small test guide."""
    with running_server("--guide", str(GUIDE)) as running:
        yield running


class Tab:
    """One page in its own browser context (as separate as two browsers), seen through CDP."""

    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser, self.session, self.target = browser, session, target
        self.screen = ""  # everything the server drew on the page's terminal, as plain text
        self.downloads: list[str] = []

    async def send(self, method: str, **params):
        return await self.browser.send(method, session=self.session, **params)

    def on_event(self, method: str, params: dict) -> None:
        if method == "Network.webSocketFrameReceived":
            frame = params["response"]
            data = frame["payloadData"]
            if frame.get("opcode") == 2:
                data = base64.b64decode(data).decode("utf-8", "replace")
            self.screen += ESCAPES.sub("", data)

    async def wait_for(self, text: str, since: int = 0, timeout: float = 20) -> None:
        """Until `text` is drawn (after position `since` of `screen`)."""
        deadline = time.monotonic() + timeout
        while text not in self.screen[since:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never shown; the end of the page: "
                                     f"{self.screen[-600:]!r}")
            await asyncio.sleep(0.05)

    async def press(self, key: str) -> None:
        name, code, number, text = KEYS.get(key) or (key, f"Key{key.upper()}" if key.isalpha()
                                                      else f"Digit{key}", ord(key.upper()), key)
        down = "keyDown" if text else "rawKeyDown"
        await self.send("Input.dispatchKeyEvent", type=down, key=name, code=code, text=text,
                        windowsVirtualKeyCode=number, nativeVirtualKeyCode=number)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=name, code=code,
                        windowsVirtualKeyCode=number, nativeVirtualKeyCode=number)

    async def screenshot(self, path: Path) -> None:
        await asyncio.sleep(1)  # the last frame is drawn
        shot = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


class Browser:
    """Headless Chromium, spoken to over the DevTools protocol (one websocket, flat sessions)."""

    def __init__(self, downloads: Path) -> None:
        self.downloads = downloads
        self.ids = itertools.count(1)
        self.waiting: dict[int, asyncio.Future] = {}
        self.tabs: dict[str, Tab] = {}

    async def __aenter__(self) -> Browser:
        self.profile = self.downloads.parent / "profile"
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--no-first-run", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert self.process.stderr is not None
        url = None
        deadline = time.monotonic() + 30
        while url is None and time.monotonic() < deadline:
            line = await asyncio.to_thread(self.process.stderr.readline)
            if not line:
                break
            found = re.search(rb"DevTools listening on (ws://\S+)", line)
            if found:
                url = found.group(1).decode()
        assert url, "chromium did not start"
        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(url, max_msg_size=0)
        self.reader = asyncio.create_task(self._read())
        await self.send("Browser.setDownloadBehavior", behavior="allow",
                        downloadPath=str(self.downloads), eventsEnabled=True)
        return self

    async def __aexit__(self, *exc) -> None:
        self.reader.cancel()
        await self.ws.close()
        await self.http.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self.waiting.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
            elif data.get("method") == "Browser.downloadProgress":
                if data["params"].get("state") == "completed":
                    for tab in self.tabs.values():
                        tab.downloads.append(data["params"]["guid"])
            elif data.get("sessionId") in self.tabs:
                self.tabs[data["sessionId"]].on_event(data["method"], data.get("params", {}))

    async def send(self, method: str, session: str | None = None, **params):
        number = next(self.ids)
        message: dict = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        future = asyncio.get_running_loop().create_future()
        self.waiting[number] = future
        await self.ws.send_str(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        assert "error" not in reply, (method, reply["error"])
        return reply["result"]

    async def open(self, url: str, width: int = 1100, height: int = 700,
                   mobile: bool = False) -> Tab:
        """A new tab in a new browser context (no shared cookies or storage) at `url`."""
        context = (await self.send("Target.createBrowserContext"))["browserContextId"]
        await self.send("Browser.setDownloadBehavior", behavior="allow",
                        browserContextId=context, downloadPath=str(self.downloads),
                        eventsEnabled=True)
        target = (await self.send("Target.createTarget", url="about:blank",
                                  browserContextId=context))["targetId"]
        session = (await self.send("Target.attachToTarget", targetId=target,
                                   flatten=True))["sessionId"]
        tab = Tab(self, session, target)
        self.tabs[session] = tab
        await tab.send("Network.enable")
        await tab.send("Page.enable")
        await tab.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                       deviceScaleFactor=1, mobile=mobile)
        await tab.send("Emulation.setFocusEmulationEnabled", enabled=True)
        await tab.send("Page.navigate", url=url)
        return tab

    async def focus_terminal(self, tab: Tab) -> None:
        """Give the page's terminal the keyboard, as a reader's click would."""
        await tab.send("Page.bringToFront")
        await tab.send("Runtime.evaluate",
                       expression="document.querySelector('.xterm-helper-textarea').focus()")

    async def close(self, tab: Tab) -> None:
        await self.send("Target.closeTarget", targetId=tab.target)


async def _wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


async def test_the_guide_in_a_real_browser(server, tmp_path):
    process, url = server
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    async with Browser(downloads) as browser:
        tab = await browser.open(url)
        await tab.wait_for("Test guide")  # the page loads and the guide's title shows
        await tab.wait_for("What should I do?")
        title = await tab.send("Runtime.evaluate", expression="document.title")
        assert title["result"]["value"] == "Test guide"
        await browser.focus_terminal(tab)

        # Arrow keys move the tree: the highlighted topic's text shows beside it.
        mark = len(tab.screen)
        await tab.press("ArrowDown")
        await tab.wait_for("Move down the list to read a topic", since=mark)  # a section
        await tab.press("ArrowDown")
        await tab.wait_for("squeeze milk out", since=mark)  # the topic under it

        # `/` searches.
        mark = len(tab.screen)
        await tab.press("/")
        await tab.wait_for("Type to search every topic.", since=mark)
        for letter in "pads":
            await tab.press(letter)
        await tab.wait_for("Breast pads", since=mark)  # the one result
        await tab.press("Escape")

        # A second reader, at the same time, in another browser context.
        other = await browser.open(url)
        await other.wait_for("What should I do?")
        assert len(sessions_of(process.pid)) == 2
        await browser.focus_terminal(tab)

        # `a` runs the flow to an outcome; `s` downloads the summary in the browser.
        mark = len(tab.screen)
        await tab.press("a")
        await tab.wait_for("Is any of this happening now?", since=mark)
        for answer in "222":
            await tab.press(answer)
        await tab.wait_for("When does it leak?", since=mark)
        await tab.press("1")
        await tab.wait_for("This is normal", since=mark)
        await tab.press("s")
        await tab.wait_for("Downloading:", since=mark)
        # Chrome makes the file before it writes it: wait for the download to complete.
        assert await _wait_until(
            lambda: bool(tab.downloads) and any(downloads.glob("leakguide-*.md")), 20), \
            list(downloads.iterdir())
        summary = next(downloads.glob("leakguide-*.md")).read_text(encoding="utf-8")
        assert summary.startswith("# This is normal") and "During feeds" in summary

        # The other reader saw none of it.
        for private in ("Is any of this happening now?", "This is normal", "squeeze milk",
                        "A hormone makes", "Downloading"):
            assert private not in other.screen, private

        # Closing a tab ends its app process on the server within 2 s; the other runs on.
        before = sessions_of(process.pid)
        assert len(before) == 2
        await browser.close(tab)
        assert await _wait_until(lambda: len(sessions_of(process.pid)) == 1, 2.0), \
            sessions_of(process.pid)
        await browser.close(other)
        assert await _wait_until(lambda: not sessions_of(process.pid), 2.0)

        if os.environ.get("LEAKGUIDE_SCREENSHOTS"):
            folder = Path(os.environ["LEAKGUIDE_SCREENSHOTS"])
            for name, size, mobile in (("phone", (390, 844), True),
                                       ("desktop", (1280, 800), False)):
                shown = await browser.open(url, *size, mobile=mobile)
                await shown.wait_for("What should I do?")
                await browser.focus_terminal(shown)
                if not mobile:  # a topic beside the tree (a phone shows the tree alone)
                    mark = len(shown.screen)
                    for key in ("ArrowDown", "ArrowDown"):
                        await shown.press(key)
                    await shown.wait_for("squeeze", since=mark)
                await shown.screenshot(folder / f"browser-{name}.png")
    assert process.poll() is None, "the server stopped"
