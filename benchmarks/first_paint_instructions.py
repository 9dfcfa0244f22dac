"""Count the instructions from process start to the first paint, for leakguide and hello-world.

    python benchmarks/first_paint_instructions.py            (needs valgrind; about a minute)

Wall-clock start-up times move by tens of percent with the load on a shared machine; the number
of instructions a start takes does not (the same count, to the instruction, run after run). Both
programs run under `valgrind --tool=callgrind` in a pseudo-terminal at 80×24 and end the moment
their first frame is written (`exit_at_first_paint.py`). leakguide starts as a returning reader
does: on the topic it was left at by its earlier start (`--fresh` measures the very first start
instead: no saved place yet).
Instructions are not time (cache misses, system calls and the pty are not in them), so this
complements the paired wall-clock figure of `run.py`; it does not replace it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from pty_run import PtyProgram  # noqa: E402
from run import (  # noqa: E402
    HELLO_ARGV,
    HELLO_MARKER,
    REPO,
    app_argv,
    compile_sources,
    guide_title,
    isolated_home,
    start_once,
)

from leakguide.content import bundled_guide_path  # noqa: E402

EXIT_AT_PAINT = str(HERE / "exit_at_first_paint.py")


def instructions_to_first_paint(argv: list[str], marker: str, env: dict[str, str],
                                out: Path) -> int:
    """Total instructions (callgrind's `totals`) of `argv` until it paints `marker`."""
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
               sys.executable, EXIT_AT_PAINT, marker, *argv[1:]]
    with PtyProgram(command, extra_env=env, cwd=str(REPO)) as session:
        if session.wait_exit(timeout=300) is None:
            raise RuntimeError(f"{argv} did not paint {marker!r} within 5 minutes under valgrind")
    for line in out.read_text().splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    raise RuntimeError(f"no instruction total in {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guide", default=None, help="guide file (default: the bundled guide)")
    parser.add_argument("--fresh", action="store_true",
                        help="start as a first visit, not resumed on a topic")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    guide = args.guide or bundled_guide_path()
    marker = guide_title(guide)
    compile_sources()
    with isolated_home() as env:
        app = app_argv("--guide", guide)
        if not args.fresh:
            start_once(app, marker, env, keys=b"jjjj")  # leaves a saved place on a topic
        tmp = Path(env["XDG_CACHE_HOME"])
        tmp.mkdir(parents=True, exist_ok=True)
        app_count = instructions_to_first_paint(app, marker, env, tmp / "app.out")
        hello_count = instructions_to_first_paint(HELLO_ARGV, HELLO_MARKER, env,
                                                  tmp / "hello.out")
    start = "first visit" if args.fresh else "resumed on a topic"
    print(f"instructions to first paint ({start}): leakguide {app_count / 1e6:.1f} M, "
          f"hello-world {hello_count / 1e6:.1f} M, ratio {app_count / hello_count:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
