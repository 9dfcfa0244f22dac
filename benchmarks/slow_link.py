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
import re
import select
import shutil
import statistics
import sys
import tempfile
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
    output: bytes = b""


def same_start(env: dict[str, str]) -> dict[str, str]:
    """`env` with a copy of its home: every measured run starts from the same saved place.
    (A run moves the reader's place; the next start would resume on that topic, with the
    text focused, and `j` would scroll the text instead of moving in the tree.)"""
    if "XDG_STATE_HOME" not in env:
        return env  # nothing is saved (the shared accounts over ssh)
    base = Path(env["XDG_STATE_HOME"]).parent
    copy = Path(tempfile.mkdtemp(prefix="run-", dir=base))
    copied = dict(env)
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        source = Path(env[name])
        target = copy / source.name
        if source.is_dir():
            shutil.copytree(source, target)
        copied[name] = str(target)
    return copied


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


def leave_a_place(argv: list[str], marker: str, env: dict[str, str]) -> None:
    """One unmeasured start in `env`'s own home: it saves the reader's place (the start of
    the guide, the tree focused), so every measured run is a returning reader's."""
    with PtyProgram(argv, extra_env=env, cwd=str(REPO)) as session:
        settle(session, marker)


def first_screen(argv: list[str], marker: str, env: dict[str, str]) -> int:
    """Bytes written from the start until the screen has been quiet for half a second."""
    with PtyProgram(argv, extra_env=same_start(env), cwd=str(REPO)) as session:
        settle(session, marker)
        return len(session.output)


def cursor_moves(argv: list[str], marker: str, env: dict[str, str], moves: int = 10) -> list[int]:
    """Bytes each of `moves` j then `moves` k caused, read at full speed."""
    sizes = []
    with PtyProgram(argv, extra_env=same_start(env), cwd=str(REPO)) as session:
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
    with PtyProgram(argv, extra_env=same_start(env), cwd=str(REPO)) as session:
        settle(session, marker)
        master = session.master
        tokens, received = 0.0, 0
        tail = b""
        kept = bytearray()
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
                    kept += data
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
        return Hold(received, max(0.0, last_byte - last_key), bytes(kept))


@dataclass
class HoldSplit:
    """Where the bytes of a hold go: pictures sent (one cursor-position query after each),
    and bytes drawn left of `TREE_EDGE` (the topic tree) or right of it (the topic pane)."""

    writes: int
    tree: int
    topic: int
    other: int


#: The first column of the topic pane at 80 columns with the bundled guide (the tree's box is
#: 32 columns wide: `TREE_SHARE` of 80); bytes drawn left of it are the tree's.
TREE_EDGE = 32
_TOKEN = re.compile(rb"\x1b\[(?:(\d+);(\d+)H|[0-9;?]*[A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                    rb"|(\r|\n)|([\x00-\x7f]|[\xc0-\xff][\x80-\xbf]*)")


def hold_split(output: bytes, tree_edge: int = TREE_EDGE) -> HoldSplit:
    """Split a hold's output by the column each byte draws in: a character's bytes count for
    its column, and the escape sequences before it (style, cursor position) with it."""
    tree = topic = 0
    column, waiting = 0, 0
    for match in _TOKEN.finditer(output):
        row_moved, column_moved, newline, char = match.groups()
        if char is None:
            waiting += match.end() - match.start()
            if column_moved is not None:
                column = int(column_moved) - 1
            elif newline == b"\r":
                column = 0
            continue
        size = waiting + len(char)
        waiting = 0
        if column < tree_edge:
            tree += size
        else:
            topic += size
        column += 1
    return HoldSplit(output.count(CURSOR_QUERY), tree, topic, len(output) - tree - topic)


def split_line(name: str, holds: list[Hold]) -> str:
    splits = [hold_split(hold.output) for hold in holds]
    writes = statistics.median(split.writes for split in splits)
    tree = statistics.median(split.tree for split in splits)
    topic = statistics.median(split.topic for split in splits)
    total = statistics.median(hold.nbytes for hold in holds)
    return (f"{name}: {writes:.0f} pictures sent (median), {kb(total / max(writes, 1))} each; "
            f"tree {kb(tree)}, topic pane {kb(topic)} (columns from {TREE_EDGE + 1})")


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
            f"{settled:.2f} s (slowest {max(h.settled for h in holds):.2f} s) |",
            "", split_line("Hold through sshd, default theme", holds), runs_line(holds)]


def runs_line(holds: list[Hold]) -> str:
    """Each run's bytes and seconds, in the order they ran."""
    return "  runs: " + ", ".join(f"{kb(hold.nbytes)} / {hold.settled:.2f} s" for hold in holds)


def load_average(before: float) -> str:
    """The machine's load (1-minute average) before and after the run: the seconds move
    with it."""
    return f"load average {before:.1f} before, {os.getloadavg()[0]:.1f} after"


def kb(nbytes: float) -> str:
    return f"{nbytes:.0f} B" if nbytes < 1000 else f"{nbytes / 1000:.1f} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each figure (median)")
    parser.add_argument("--guide", default=bundled_guide_path())
    parser.add_argument("--ssh", action="store_true",
                        help="also the hold through a real sshd, its client throttled "
                        "(needs sshd, ssh, ssh-keygen)")
    parser.add_argument("--hold-only", action="store_true",
                        help="only the hold, default theme (with --ssh: and through sshd)")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    compile_sources()
    marker = guide_title(args.guide)
    lines = []
    if args.hold_only:
        with isolated_home() as env:
            app = app_argv("--guide", args.guide)
            leave_a_place(app, marker, env)
            runs = [held_key(app, marker, env) for _ in range(args.runs)]
        print(f"| hold, pty read slowly | leakguide (default theme) | "
              f"{kb(statistics.median(h.nbytes for h in runs))} / "
              f"{statistics.median(h.settled for h in runs):.2f} s "
              f"(slowest {max(h.settled for h in runs):.2f} s) |")
        print(split_line("Hold, pty read slowly, default theme", runs))
        print(runs_line(runs))
        if args.ssh:
            print("\n".join(ssh_rows(args.runs, args.guide, marker)))
        print(f"\n{machine()}; {args.runs} runs; guide {Path(args.guide).name}; "
              f"{load_average(load_before)}.")
        return 0
    with isolated_home() as env:
        app = app_argv("--guide", args.guide)
        leave_a_place(app, marker, env)
        programs = {f"leakguide --theme {name}": app + ["--theme", name] for name in THEME_NAMES}
        firsts = {name: statistics.median(first_screen(argv, marker, env)
                                          for _ in range(args.runs))
                  for name, argv in programs.items()}
        firsts["hello-world Textual"] = statistics.median(
            first_screen(HELLO_ARGV, HELLO_MARKER, env) for _ in range(args.runs))
        firsts["less README.md"] = statistics.median(
            first_screen(LESS_ARGV, LESS_MARKER, env) for _ in range(args.runs))
        moving = {name: programs[f"leakguide --theme {name}"] for name in ("default", "terminal")}
        moves, holds, shares, splits = {}, {}, {}, {}
        for name, argv in [*moving.items(), ("less README.md", LESS_ARGV)]:
            mark = LESS_MARKER if argv is LESS_ARGV else marker
            sizes = [size for _ in range(args.runs) for size in cursor_moves(argv, mark, env)]
            moves[name] = statistics.median(sizes) if sizes else 0
            runs = [held_key(argv, mark, env) for _ in range(args.runs)]
            holds[name] = (statistics.median(h.nbytes for h in runs),
                           statistics.median(h.settled for h in runs),
                           max(h.settled for h in runs))
            if argv is not LESS_ARGV:  # less asks nothing: no pictures to count
                splits[name] = split_line(f"Hold, pty read slowly, {name}", runs) + "\n" + \
                    runs_line(runs)
        with PtyProgram(moving["default"], extra_env=same_start(env), cwd=str(REPO)) as session:
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
    print()
    print("\n".join(splits.values()))
    if args.ssh:
        print()
        print("\n".join(ssh_rows(args.runs, args.guide, marker)))
    print(f"\n{machine()}; {args.runs} runs of each figure; guide {Path(args.guide).name}; "
          f"{load_average(load_before)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
