"""What a slow link costs: bytes to the first quiet screen, bytes per cursor move, and a held key
drained at 100 kbit/s. Reproduces the table of issue 18 in one run (docs/performance.md).

    python benchmarks/slow_link.py --runs 3

Everything runs in a real pty at 80×24 with TERM=xterm-256color COLORTERM=truecolor, as a
returning reader (one unmeasured start leaves a saved place): leakguide in each theme, the
hello-world Textual app, and `less` on the README (the floor). The hold is 20 cursor moves
33 ms apart while this side reads the pty at most 12,500 bytes a second (a token bucket holding
at most 1,500 bytes, one packet), answering the cursor-position queries it reads as a terminal
does; "settled" is the time from the last key to the last byte, once nothing more comes for
half a second.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from pty_run import PtyProgram, byte_breakdown, strip_escapes  # noqa: E402
from run import (  # noqa: E402
    HELLO_ARGV,
    HELLO_MARKER,
    REPO,
    app_argv,
    compile_sources,
    guide_title,
    isolated_home,
    machine,
)

from leakguide.content import bundled_guide_path  # noqa: E402
from leakguide.themes import THEME_NAMES  # noqa: E402

RATE = 12_500  # bytes a second: 100 kbit/s
BURST = 1_500  # bytes the link takes at once
HOLD_KEYS = 20
HOLD_INTERVAL = 0.033
LESS_ARGV = ["less", str(REPO / "README.md")]
LESS_MARKER = "leakguide"
CURSOR_QUERY = b"\x1b[6n"
CURSOR_ANSWER = b"\x1b[1;1R"


@dataclass
class Hold:
    """A held key over the slow link: bytes from the first key, seconds after the last."""

    nbytes: int
    settled: float


def settle(session: PtyProgram, marker: str, timeout: float = 20.0) -> None:
    """Read until `marker` is on the screen and then nothing comes for half a second,
    answering cursor-position queries as a terminal does."""
    deadline = time.perf_counter() + timeout
    answered = 0
    while True:
        queries = bytes(session.output).count(CURSOR_QUERY)
        for _ in range(queries - answered):
            session.send(CURSOR_ANSWER)
        answered = queries
        shown = marker in strip_escapes(bytes(session.output))
        _last, nbytes = session.wait_quiet(0.5 if shown else 0.1, timeout=1.0)
        if shown and not nbytes:
            return
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{marker!r} did not appear")


def first_screen(argv: list[str], marker: str, env: dict[str, str]) -> int:
    """Bytes written from the start until the screen has been quiet for half a second."""
    with PtyProgram(argv, extra_env=env, cwd=str(REPO)) as session:
        settle(session, marker)
        return len(session.output)


def cursor_moves(argv: list[str], marker: str, env: dict[str, str], moves: int = 10) -> list[int]:
    """Bytes each of `moves` j then `moves` k caused, read at full speed."""
    sizes = []
    with PtyProgram(argv, extra_env=env, cwd=str(REPO)) as session:
        settle(session, marker)
        for key in [b"j"] * moves + [b"k"] * moves:
            nbytes = press_answering(session, key)
            if nbytes:
                sizes.append(nbytes)
    return sizes


def press_answering(session: PtyProgram, key: bytes, quiet: float = 0.25) -> int:
    """Press `key` and read until nothing comes for `quiet` seconds, answering each
    cursor-position query as a terminal does; the bytes it caused."""
    begin = len(session.output)
    answered = 0
    session.send(key)
    while True:
        _last, nbytes = session.wait_quiet(quiet)
        queries = bytes(session.output[begin:]).count(CURSOR_QUERY)
        for _ in range(queries - answered):
            session.send(CURSOR_ANSWER)
        if not nbytes and queries == answered:
            return len(session.output) - begin
        answered = queries


def held_key(argv: list[str], marker: str, env: dict[str, str], key: bytes = b"j",
             quiet: float = 1.5, rate: float | None = RATE) -> Hold:
    """`HOLD_KEYS` presses `HOLD_INTERVAL` apart while the pty is drained at `rate` (None: as
    fast as it comes, when the link itself is slow)."""
    with PtyProgram(argv, extra_env=env, cwd=str(REPO)) as session:
        settle(session, marker)
        master = session.master
        tokens, received = 0.0, 0
        tail = b""
        start = last = time.perf_counter()
        last_key = last_byte = start
        sent = 0
        while True:
            now = time.perf_counter()
            tokens = min(BURST, tokens + (now - last) * rate) if rate else 65536
            last = now
            if sent < HOLD_KEYS and now >= start + sent * HOLD_INTERVAL:
                os.write(master, key)
                sent += 1
                last_key = now
            if tokens >= 1:
                ready, _, _ = select.select([master], [], [], 0)
                if ready:
                    try:
                        data = os.read(master, int(tokens))
                    except OSError:
                        data = b""
                    tokens -= len(data)
                    received += len(data)
                    seen = tail + data  # a terminal answers a query once it has read it
                    for _ in range(seen.count(CURSOR_QUERY)):
                        os.write(master, CURSOR_ANSWER)
                    tail = seen[-3:].replace(CURSOR_QUERY, b"")
                    if data:
                        last_byte = now
                        continue
                if sent == HOLD_KEYS and now - max(last_byte, last_key) >= quiet:
                    break
            time.sleep(0.002)
        return Hold(received, max(0.0, last_byte - last_key))


def ssh_rows(runs: int, guide: str, marker: str) -> list[str]:
    """The hold through a real sshd (tests/sshd_harness.py), the client's connection going
    through `throttle_proxy.py` at `RATE`: sshd drains the pty at once, the link is slow.
    The server runs the shipped wrapper for shared accounts (nothing saved, so nothing is
    written to the account's home), which takes no options: the default theme."""
    import tempfile

    sys.path.insert(0, str(REPO / "tests"))
    from sshd_harness import start_sshd

    with tempfile.TemporaryDirectory(prefix="leakguide-ssh-bench-") as tmp:
        server = start_sshd(Path(tmp), accounts="shared", guide=Path(guide))
        try:
            proxy = f"ProxyCommand={sys.executable} {HERE / 'throttle_proxy.py'} %h %p {RATE}"
            argv = server.ssh_argv("-tt", "-o", proxy)
            holds = [held_key(argv, marker, {}, rate=None) for _ in range(runs)]
        finally:
            server.stop()
    nbytes = statistics.median(h.nbytes for h in holds)
    settled = statistics.median(h.settled for h in holds)
    return [f"| {HOLD_KEYS} moves through sshd, client link {RATE / 1000:.1f} KB/s: bytes / "
            f"settled after the last key | leakguide (default theme) | {kb(nbytes)} / "
            f"{settled:.2f} s (slowest {max(h.settled for h in holds):.2f} s) |"]


def kb(nbytes: float) -> str:
    return f"{nbytes:.0f} B" if nbytes < 1000 else f"{nbytes / 1000:.1f} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each figure (median)")
    parser.add_argument("--guide", default=bundled_guide_path())
    parser.add_argument("--ssh", action="store_true",
                        help="also the hold through a real sshd, its client throttled "
                        "(needs sshd, ssh, ssh-keygen)")
    args = parser.parse_args(argv)
    compile_sources()
    marker = guide_title(args.guide)
    lines = []
    with isolated_home() as env:
        app = app_argv("--guide", args.guide)
        first_screen(app, marker, env)  # leaves a saved place: a returning reader
        programs = {f"leakguide --theme {name}": app + ["--theme", name] for name in THEME_NAMES}
        firsts = {name: statistics.median(first_screen(argv, marker, env)
                                          for _ in range(args.runs))
                  for name, argv in programs.items()}
        firsts["hello-world Textual"] = statistics.median(
            first_screen(HELLO_ARGV, HELLO_MARKER, env) for _ in range(args.runs))
        firsts["less README.md"] = statistics.median(
            first_screen(LESS_ARGV, LESS_MARKER, env) for _ in range(args.runs))
        moving = {name: programs[f"leakguide --theme {name}"] for name in ("default", "terminal")}
        moves, holds, shares = {}, {}, {}
        for name, argv in [*moving.items(), ("less README.md", LESS_ARGV)]:
            mark = LESS_MARKER if argv is LESS_ARGV else marker
            sizes = [size for _ in range(args.runs) for size in cursor_moves(argv, mark, env)]
            moves[name] = statistics.median(sizes) if sizes else 0
            runs = [held_key(argv, mark, env) for _ in range(args.runs)]
            holds[name] = (statistics.median(h.nbytes for h in runs),
                           statistics.median(h.settled for h in runs),
                           max(h.settled for h in runs))
        with PtyProgram(moving["default"], extra_env=env, cwd=str(REPO)) as session:
            session.wait_for_text(marker)
            session.wait_quiet(0.5)
            start = len(session.output)
            for _ in range(10):
                press_answering(session, b"j")
            output = bytes(session.output[start:])
            split = byte_breakdown(output)
            shares["default"] = split
    lines.append("| figure | program | measured (median) |")
    lines.append("|---|---|---|")
    for name, nbytes in firsts.items():
        lines.append(f"| bytes until the first screen is quiet | {name} | {kb(nbytes)} |")
    for name, nbytes in moves.items():
        lines.append(f"| bytes per cursor move, content following | {name} | {kb(nbytes)} |")
    for name, (nbytes, settled, worst) in holds.items():
        lines.append(f"| {HOLD_KEYS} moves {HOLD_INTERVAL * 1000:.0f} ms apart at "
                     f"{RATE / 1000:.1f} KB/s: bytes / settled after the last key | {name} | "
                     f"{kb(nbytes)} / {settled:.2f} s (slowest {worst:.2f} s) |")
    print("\n".join(lines))
    split = shares["default"]
    print(f"\nCursor moves, default theme: {100 * split.sgr_truecolor / split.total:.0f}% 24-bit "
          f"colour codes, {100 * (split.sgr_256 + split.sgr_other) / split.total:.0f}% other "
          f"SGR, {100 * split.other_escapes / split.total:.0f}% cursor/other escapes, "
          f"{100 * split.text / split.total:.0f}% text.")
    if args.ssh:
        print()
        print("\n".join(ssh_rows(args.runs, args.guide, marker)))
    print(f"\n{machine()}; {args.runs} runs of each figure; guide {Path(args.guide).name}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
