"""Time `SearchIndex` on a synthetic 5,000-topic guide built in memory.

Run from the repo root: `python benchmarks/bench_search.py [TOPICS]`. Prints the index build time
and, for queries typed one key at a time, the median and worst time per keystroke.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from leakguide.content.model import (  # noqa: E402
    Flow,
    Guide,
    GuideInfo,
    Label,
    Outcome,
    Section,
    Source,
    Topic,
)
from leakguide.search import SearchIndex  # noqa: E402

WORDS = " ".join([
    "milk breast baby feed feeding leak leaking pad pads night nipple let-down reflex",
    "pump pumping latch midwife mastitis fever warm cold compress bra sleep crying",
    "hormone oxytocin prolactin engorgement supply demand weeks months return work",
    "clothes shower spray dripping drip nursing café señora über naïve déjà",
]).split()


def synthetic_guide(count: int, seed: int = 1) -> Guide:
    """A guide of `count` topics with ~150-word bodies, keywords and summaries from WORDS."""
    rng = random.Random(seed)
    sections = {f"s{n}": Section(f"s{n}", f"Section {n}") for n in range(20)}
    topics = {}
    for n in range(count):
        words = [rng.choice(WORDS) for _ in range(150)]
        body = "\n\n".join(" ".join(words[i:i + 30]) for i in range(0, 150, 30))
        topics[f"t{n}"] = Topic(
            id=f"t{n}", title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {n}",
            section=f"s{n % 20}", parent=None, kind="info",
            summary=" ".join(rng.choice(WORDS) for _ in range(12)), body=body,
            evidence="clinical", sources=("src",),
            keywords=tuple(rng.choice(WORDS) for _ in range(3)), see_also=(),
        )
    flow = Flow("What should I do?", "", "q", {}, {
        "o": Outcome("o", "Outcome", "self-care", "clinical", "", (), (), ()),
    })
    return Guide(
        format=1,
        info=GuideInfo("Bench", "", "en", dt.date(2026, 1, 1), None, ""),
        labels={"clinical": Label("clinical", "Clinical guidance", "")},
        urgencies={}, sources={"src": Source("src", "T", "P", "https://example.org")},
        sections=sections, topics=topics, flow=flow,
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    guide = synthetic_guide(count)
    started = time.perf_counter()
    index = SearchIndex(guide)
    build_ms = (time.perf_counter() - started) * 1000
    queries = [
        "dripping", "let down", "cafe", "NAIVE deja", "mastitis fever", "zzz", "m", "breast pad",
    ]
    per_key = _per_keystroke(index, queries)
    # As people type: typos, questions, words no topic has. Timed as the `/` screen works: the
    # search, then "Did you mean" suggestions when it finds nothing.
    typed = ["mastits fevr", "how do i stop leakign", "nite feeds soaked", "qwzx", "brest pda"]
    as_typed = _per_keystroke(SearchIndex(guide), typed, suggest=True)
    cold: list[float] = []
    for query in queries:
        fresh = SearchIndex(guide)
        started = time.perf_counter()
        fresh.search(query)
        cold.append((time.perf_counter() - started) * 1000)
    print(f"topics: {count}; index build: {build_ms:.0f} ms")
    print(f"per keystroke (typed one key at a time): median {statistics.median(per_key):.2f} ms, "
          f"worst {max(per_key):.2f} ms over {len(per_key)} keystrokes")
    print(f"whole query on a fresh index: median {statistics.median(cold):.2f} ms, "
          f"worst {max(cold):.2f} ms")
    print(f"typos and no-match queries, search + did-you-mean per keystroke: median "
          f"{statistics.median(as_typed):.2f} ms, worst {max(as_typed):.2f} ms over "
          f"{len(as_typed)} keystrokes")


def _per_keystroke(index: SearchIndex, queries: list[str], suggest: bool = False) -> list[float]:
    """Milliseconds per keystroke, typing each query one key at a time."""
    per_key: list[float] = []
    for query in queries:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            if not index.search(query[:end]) and suggest:
                index.suggestions(query[:end])
            per_key.append((time.perf_counter() - started) * 1000)
    return per_key


if __name__ == "__main__":
    main()
