"""Soak test: 10,000 seeded random events (every bound key, text, arrows, Escape, Tab,
resizes down to 20x6) through Pilot; fails on any exception or if the app stops responding.

    python benchmarks/soak.py [--events N] [--seed S] [--guide FILE]

Prints the events per second. The test suite runs the same monkey with 2,000 events.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

from monkey import bound_keys, run_monkey  # noqa: E402

from leakguide.app import LeakGuideApp  # noqa: E402
from leakguide.content import bundled_guide_path, load_guide  # noqa: E402
from leakguide.options import AppOptions  # noqa: E402


async def soak(guide_path: str, seed: int, count: int) -> float:
    result = load_guide(guide_path)
    if result.guide is None:
        raise SystemExit(f"{guide_path}: the guide has errors; run `leakguide check`")
    with tempfile.TemporaryDirectory() as scratch:
        options = AppOptions(guide_path=guide_path, fresh=True,
                             save_dir=f"{scratch}/summaries", state_dir=f"{scratch}/state")
        app = LeakGuideApp(result.guide, options=options)
        app.animation_level = "none"
        started = time.perf_counter()
        async with app.run_test(size=(80, 24)) as pilot:
            await run_monkey(app, pilot, seed, count)
            await pilot.resize_terminal(80, 24)
            for _ in range(6):
                await pilot.press("escape")
            if type(app.screen).__name__ == "HelpScreen":
                await pilot.press("question_mark")
            await pilot.press("question_mark")
            await pilot.pause()
            if type(app.screen).__name__ != "HelpScreen":
                raise SystemExit(f"the app did not show help at the end ({app.screen!r})")
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--guide", default=bundled_guide_path())
    args = parser.parse_args()
    print(f"{len(bound_keys())} bound keys; {args.events} events, seed {args.seed}")
    seconds = asyncio.run(soak(args.guide, args.seed, args.events))
    print(f"ok: {args.events} events in {seconds:.1f} s ({args.events / seconds:.0f}/s); "
          "no exception, the app still responds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
