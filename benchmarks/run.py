"""Measure leakguide against its performance targets and print the table of docs/performance.md.

    python benchmarks/run.py --runs 5

Every figure is a median over the runs; ratios compare with a reference measured in the same run
(a hello-world Textual app for start-up and memory, tomli's parse for load, `python -c pass` for
check). Uses only the standard library and the project's own dependencies.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import gc
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SRC = REPO / "src"
sys.path[:0] = [str(HERE), str(SRC), str(REPO / "tests")]

import tomli  # noqa: E402
from pty_run import PtyProgram, byte_breakdown  # noqa: E402
from synth import generate_guide  # noqa: E402

from leakguide.content import bundled_guide_path, load_guide  # noqa: E402


@dataclass
class Row:
    """One line of the results table."""

    figure: str
    measured: str
    target: str
    passed: bool | None  # None: not measured
    notes: list[str] = field(default_factory=list)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.0995 else f"{seconds * 1000:.1f} ms"


def kb(nbytes: float) -> str:
    return f"{nbytes / 1000:.2f} KB"


# -- environments ---------------------------------------------------------------------------------
@contextlib.contextmanager
def isolated_home() -> Iterator[dict[str, str]]:
    """Env vars that keep the app's saved state out of the user's directories."""
    with tempfile.TemporaryDirectory(prefix="leakguide-bench-") as tmp:
        yield {
            "PYTHONPATH": str(SRC),
            "XDG_DATA_HOME": f"{tmp}/data",
            "XDG_STATE_HOME": f"{tmp}/state",
            "XDG_CONFIG_HOME": f"{tmp}/config",
            "XDG_CACHE_HOME": f"{tmp}/cache",
            "LEAKGUIDE_GUIDE": "",
        }


def compile_sources() -> None:
    """Write the bytecode of `src/` as an install would (pip compiles on install).

    A child that must compile every module of ours on each start measures the compiler, not the
    app; with PYTHONDONTWRITEBYTECODE set in the caller's environment no run would ever write it.
    """
    compileall.compile_dir(str(SRC), quiet=1)


def app_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "leakguide", *args]


HELLO_ARGV = [sys.executable, str(HERE / "hello_app.py")]
HELLO_MARKER = "Hello, world"


def guide_title(path: str) -> str:
    return tomli.loads(Path(path).read_text(encoding="utf-8"))["guide"]["title"]


# -- start-up and memory --------------------------------------------------------------------------
@dataclass
class StartSample:
    first_paint: float
    peak_rss_kib: int | None
    first_paint_bytes: int


def start_once(argv: list[str], marker: str, env: dict[str, str], cols: int = 80,
               rows: int = 24, keys: bytes = b"") -> StartSample:
    """Start a program, time its first paint, settle, press `keys`, and read its peak RSS."""
    with PtyProgram(argv, width=cols, height=rows, extra_env=env, cwd=str(REPO)) as session:
        first_paint = session.wait_for_text(marker)
        session.wait_quiet(0.3)
        painted = len(session.output)
        for key in keys:
            session.press(bytes([key]), quiet=0.05)
        session.wait_quiet(0.3)
        return StartSample(first_paint, session.peak_rss_kib(), painted)


def _quartiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    lower, _, upper = statistics.quantiles(values, n=4)
    return f"{lower:.2f}×–{upper:.2f}×"


def bench_start_and_memory(runs: int, guide: str) -> list[Row]:
    """Paired runs of the app and the hello-world app, alternating which goes first."""
    marker = guide_title(guide)
    apps: list[StartSample] = []
    hellos: list[StartSample] = []
    with isolated_home() as env:
        app = app_argv("--guide", guide)
        # Warm-up: compile bytecode and fill the file cache for both, and leave leakguide's saved
        # place: the runs measured are of a reader who has started it before.
        start_once(app, marker, env)
        start_once(HELLO_ARGV, HELLO_MARKER, env)
        for run in range(runs):
            order = [(app, marker, apps), (HELLO_ARGV, HELLO_MARKER, hellos)]
            if run % 2:
                order.reverse()
            for argv, text, samples in order:
                samples.append(start_once(argv, text, env, keys=b"jjjjjjjjkkkk"))
    ratios = [a.first_paint / h.first_paint for a, h in zip(apps, hellos, strict=True)]
    ratio = median(ratios)
    app_ms = median([s.first_paint for s in apps])
    hello_ms = median([s.first_paint for s in hellos])
    rows = [
        Row(
            "cold start → first paint (ratio to hello-world Textual app, paired runs)",
            f"{ratio:.2f}× ({ms(app_ms)} vs {ms(hello_ms)})",
            "≤ 1.3×",
            ratio <= 1.3,
            [f"first-paint bytes: app {median([s.first_paint_bytes for s in apps]):.0f}, "
             f"hello {median([s.first_paint_bytes for s in hellos]):.0f}",
             f"{len(ratios)} pairs; their ratios' quartiles {_quartiles(ratios)}"],
        )
    ]
    app_rss = [s.peak_rss_kib for s in apps if s.peak_rss_kib]
    hello_rss = [s.peak_rss_kib for s in hellos if s.peak_rss_kib]
    if app_rss and hello_rss:
        rss_ratio = median(app_rss) / median(hello_rss)
        rows.append(
            Row(
                "peak memory, bundled guide (ratio to hello-world app)",
                f"{rss_ratio:.2f}× ({median(app_rss) / 1024:.1f} MiB vs "
                f"{median(hello_rss) / 1024:.1f} MiB)",
                "≤ 1.3×",
                rss_ratio <= 1.3,
                ["VmHWM after first paint and 12 cursor moves"],
            )
        )
    else:
        rows.append(Row("peak memory", "not measured (no /proc)", "≤ 1.3×", None))
    return rows


# -- cursor moves ---------------------------------------------------------------------------------
def bench_cursor(runs: int, guide: str, moves: int, cols: int = 80, rows: int = 24) -> list[Row]:
    """Move the tree cursor down and back up; time and bytes from each key to its last byte."""
    marker = guide_title(guide)
    timings = []
    idle_presses = 0
    all_output = bytearray()
    with isolated_home() as env:
        for _ in range(runs):
            with PtyProgram(app_argv("--guide", guide), width=cols, height=rows, extra_env=env,
                            cwd=str(REPO)) as session:
                session.wait_for_text(marker)
                session.wait_quiet(0.5)
                for key in [b"j"] * moves + [b"k"] * moves:
                    timing = session.press(key, quiet=0.25)
                    if timing.nbytes:
                        timings.append(timing)
                        all_output += timing.output
                    else:
                        idle_presses += 1
    if not timings:
        return [Row("cursor move", "no output for any key", "≤ 30 ms", False)]
    seconds = median([t.seconds for t in timings])
    nbytes = median([t.nbytes for t in timings])
    worst = max(t.seconds for t in timings)
    split = byte_breakdown(bytes(all_output))
    notes = [
        f"{len(timings)} moves, slowest {ms(worst)}"
        + (f"; {idle_presses} presses changed nothing (end of tree)" if idle_presses else ""),
        f"bytes: {100 * split.sgr_truecolor / split.total:.0f}% 24-bit colour codes, "
        f"{100 * (split.sgr_256 + split.sgr_other) / split.total:.0f}% other SGR, "
        f"{100 * split.other_escapes / split.total:.0f}% cursor/other escapes, "
        f"{100 * split.text / split.total:.0f}% text",
    ]
    return [
        Row("cursor move in the tree, content pane following: key → last byte (median)",
            ms(seconds), "≤ 30 ms", seconds <= 0.030, notes),
        Row(f"bytes written per cursor move at {cols}×{rows} (median)", kb(nbytes), "≤ 5 KB",
            nbytes <= 5000),
    ]


# -- load + validate ------------------------------------------------------------------------------
def time_call(function: Callable[[], object]) -> float:
    """CPU seconds `function` takes in this process (other processes' load does not count)."""
    start = time.process_time()
    function()
    return time.process_time() - start


def bench_load(runs: int, topics: int = 5000) -> list[Row]:
    """`load_guide` (read, parse, build, validate) against tomli's parse of the same text."""
    with tempfile.TemporaryDirectory(prefix="leakguide-bench-") as tmp:
        path = Path(tmp) / f"guide-{topics}.toml"
        path.write_text(generate_guide(topics), encoding="utf-8")
        size = path.stat().st_size

        def parse() -> object:
            return tomli.loads(path.read_text(encoding="utf-8"))

        def load() -> object:
            result = load_guide(path)
            if not result.ok:
                raise SystemExit(f"synthetic guide failed to load: {result.problems[:3]}")
            return result

        parse()
        load()
        parses, loads = [], []
        for _ in range(runs):
            gc.collect()
            parses.append(time_call(parse))
            gc.collect()
            loads.append(time_call(load))
    ratio = median(loads) / median(parses)
    return [
        Row(f"load + validate a {topics:,}-topic guide (ratio to tomli parse, CPU time)",
            f"{ratio:.2f}× ({ms(median(loads))} vs {ms(median(parses))})", "≤ 1.5×",
            ratio <= 1.5, [f"guide file: {size:,} bytes"]),
    ]


# -- check ----------------------------------------------------------------------------------------
def wall(argv: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall seconds to run `argv`; its CPU seconds (user + system) are appended to `cpu`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return elapsed


def bench_check(runs: int, guide: str) -> list[Row]:
    """`leakguide check` on the bundled guide, wall time in a subprocess, and its imports."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    check = app_argv("check", guide)
    python_pass = [sys.executable, "-c", "pass"]
    wall(check, env)
    wall(python_pass, env)
    checks, passes, check_cpu = [], [], []
    for run in range(max(runs, 5)):
        pair = [(check, checks, check_cpu), (python_pass, passes, None)]
        for argv, samples, cpu in pair if run % 2 == 0 else reversed(pair):
            samples.append(wall(argv, env, cpu))
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", *check[1:]], env=env, capture_output=True,
        text=True, check=False,
    )
    modules = [line.rsplit("|", 1)[-1].strip() for line in imports.stderr.splitlines()
               if "|" in line]
    textual = sorted({m for m in modules if m.split(".")[0] == "textual"})
    check_s = median(checks)
    return [
        Row("`leakguide check` on the bundled guide (wall, subprocess)",
            f"{ms(check_s)} (`python -c pass`: {ms(median(passes))}); "
            + ("imports Textual!" if textual else "no Textual import"),
            "≤ 150 ms, no Textual import", check_s <= 0.150 and not textual,
            [f"exit code {imports.returncode}; {len(modules)} modules imported; "
             f"CPU time {ms(median(check_cpu))}"]),
    ]


# -- search ---------------------------------------------------------------------------------------
def bench_search(runs: int, topics: int = 5000) -> list[Row]:
    """Time one search per keystroke while typing queries into a 5,000-topic index."""
    figure = f"search, per keystroke, {topics:,} topics"
    try:
        from leakguide.search import SearchIndex
    except ImportError:
        return [Row(figure, "not measured: leakguide.search.SearchIndex does not exist yet",
                    "≤ 10 ms", None)]
    from leakguide.content import load_guide_text

    guide = load_guide_text(generate_guide(topics)).guide
    index = SearchIndex(guide)
    queries = ["leak", "let-down", "pads night", "fever lump", "topic 42", "zzz"]
    per_key: list[float] = []
    for _ in range(runs):
        for query in queries:
            for end in range(1, len(query) + 1):
                per_key.append(time_call(lambda q=query[:end]: index.search(q)))
    worst = max(per_key)
    return [Row(figure + " (CPU time)", ms(median(per_key)), "≤ 10 ms", median(per_key) <= 0.010,
                [f"{len(per_key)} keystrokes, slowest {ms(worst)}"])]


# -- report ---------------------------------------------------------------------------------------
def machine() -> str:
    model = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Textual {metadata.version('textual')}"
    )


def table(rows: list[Row]) -> str:
    lines = ["| figure | measured (median) | target | result |", "|---|---|---|---|"]
    for row in rows:
        verdict = "n/a" if row.passed is None else ("pass" if row.passed else "**FAIL**")
        lines.append(f"| {row.figure} | {row.measured} | {row.target} | {verdict} |")
    return "\n".join(lines)


BENCHES = ("start", "cursor", "load", "check", "search")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--only", default=",".join(BENCHES),
                        help=f"comma-separated subset of: {', '.join(BENCHES)}")
    parser.add_argument("--guide", default=None, help="guide for start, cursor, memory and "
                        "check (default: the bundled guide)")
    parser.add_argument("--moves", type=int, default=10, help="cursor moves down, then up")
    parser.add_argument("--start-pairs", type=int, default=None,
                        help="paired starts for start-up and memory (default: 3 × runs; a "
                        "start's CPU speed on a shared machine varies by a third from one "
                        "process to the next, so the ratio needs more pairs than the rest)")
    args = parser.parse_args(argv)
    start_pairs = args.start_pairs or 3 * args.runs
    guide = args.guide or bundled_guide_path()
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    rows: list[Row] = []
    load_before = os.getloadavg()[0]
    compile_sources()
    for name in chosen:
        print(f"measuring {name} ...", file=sys.stderr, flush=True)
        if name == "start":
            rows += bench_start_and_memory(start_pairs, guide)
        elif name == "cursor":
            rows += bench_cursor(args.runs, guide, args.moves)
        elif name == "load":
            rows += bench_load(args.runs)
        elif name == "check":
            rows += bench_check(args.runs, guide)
        elif name == "search":
            rows += bench_search(args.runs)
        else:
            parser.error(f"unknown benchmark {name!r}")
    print(table(rows))
    print()
    print(f"Machine: {machine()}; pty 80×24, TERM=xterm-256color, COLORTERM=truecolor; "
          f"{args.runs} runs ({start_pairs} start pairs); "
          f"guide `{os.path.relpath(guide, REPO)}`; load average "
          f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after.")
    notes = [f"- {row.figure.split(' (')[0]}: {note}" for row in rows for note in row.notes]
    if notes:
        print()
        print("\n".join(notes))
    return 0 if all(row.passed is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
