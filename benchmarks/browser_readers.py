"""How many browser readers one server holds: N websocket clients on `leakguide serve`.

Starts `leakguide serve` on 127.0.0.1 (bundled guide), connects N clients the way the page
does (textual-serve's websocket protocol: resize, then keys as stdin), has each open topics,
search and answer the flow, then reports per reader: memory of its app process (PSS, RSS),
CPU to start and per key, and the server process's own memory. Loopback only; every loop is
bounded; the server is stopped at the end.

    .venv/bin/python benchmarks/browser_readers.py --readers 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")
KEYS = ["\x1b[B", "\x1b[B", "\r", "b", "/", "p", "a", "d", "s", "\x1b", "a", "2", "2", "2", "1"]


def pss_kib(pid: int) -> int:
    try:
        return _pss_kib(pid)
    except OSError:  # the process has ended
        return 0


def _pss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def rss_kib(pid: int) -> int:
    path = Path(f"/proc/{pid}/status")
    for line in (path.read_text() if path.exists() else "").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the process has ended
        return 0
    return int(fields[11]) + int(fields[12])


def mem_available_kib() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    return 0


def sessions(server: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if parent == server:
                found.append(int(entry.name))
    return found


async def reader(url: str, keys: bool, ready: asyncio.Event) -> aiohttp.ClientWebSocketResponse:
    session = aiohttp.ClientSession()
    ws = await session.ws_connect(url + "ws?width=100&height=30", max_msg_size=0)
    await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
    got = 0
    deadline = time.monotonic() + 60
    while got < 2000 and time.monotonic() < deadline:
        message = await ws.receive(timeout=60)
        if message.type == aiohttp.WSMsgType.BINARY:
            got += len(message.data)
    ws._leakguide_session = session  # type: ignore[attr-defined]
    # Keep reading (and answering the server's heartbeat pings), as a browser page does.
    ws._leakguide_reader = asyncio.create_task(_read_forever(ws))  # type: ignore[attr-defined]
    return ws


async def _read_forever(ws: aiohttp.ClientWebSocketResponse) -> None:
    async for _message in ws:
        pass


async def drain(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> None:
    await asyncio.sleep(seconds)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=20)
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "leakguide", "serve", "--port", str(port), "--max-sessions",
         str(args.readers + 5), "--max-per-client", str(args.readers + 5)],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.1)
        await asyncio.sleep(0.5)
        server_before = pss_kib(server.pid)
        available_before = mem_available_kib()
        started = time.monotonic()
        clients = [await reader(url, False, asyncio.Event()) for _ in range(args.readers)]
        connect_seconds = time.monotonic() - started
        pids = sessions(server.pid)
        start_ticks = sum(cpu_ticks(pid) for pid in pids)
        pss_start = sum(pss_kib(pid) for pid in pids)
        await asyncio.gather(*(drain(ws, 2) for ws in clients))
        before_keys = sum(cpu_ticks(pid) for pid in pids)

        async def use(ws):
            for key in KEYS:
                await ws.send_str(json.dumps(["stdin", key]))
                await drain(ws, 0.3)

        await asyncio.gather(*(use(ws) for ws in clients))
        await asyncio.gather(*(drain(ws, 2) for ws in clients))
        key_ticks = sum(cpu_ticks(pid) for pid in pids) - before_keys
        pss_used = sum(pss_kib(pid) for pid in pids)
        rss_used = sum(rss_kib(pid) for pid in pids)
        available_after = mem_available_kib()
        server_after = pss_kib(server.pid)
        n = len(pids)
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
        print(f"app processes still running after use: {len(alive)} of {n}")
        print(f"readers connected: {n} of {args.readers} in {connect_seconds:.1f} s")
        print(f"app process PSS just started: {pss_start / n / 1024:.1f} MiB each")
        print(f"app process PSS after use: {pss_used / n / 1024:.1f} MiB each "
              f"(RSS {rss_used / n / 1024:.1f} MiB)")
        print(f"server process PSS: {server_before / 1024:.1f} -> {server_after / 1024:.1f} MiB")
        print(f"MemAvailable fell by {(available_before - available_after) / 1024:.0f} MiB "
              f"({(available_before - available_after) / n / 1024:.1f} MiB each)")
        print(f"CPU to start and draw the first screen: {start_ticks / n / TICK:.2f} s each")
        print(f"CPU per key: {key_ticks / TICK / (n * len(KEYS)) * 1000:.1f} ms")
        for ws in clients:
            await ws.close()
            await ws._leakguide_session.close()  # type: ignore[attr-defined]
        deadline = time.monotonic() + 10
        while sessions(server.pid) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        print(f"app processes left 10 s after all clients closed: {len(sessions(server.pid))}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    asyncio.run(main())
