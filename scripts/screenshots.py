"""Make the README's screenshots: a headless run of the app saving SVG pictures.

Run from the repo root after a UI change: `python scripts/screenshots.py [GUIDE]`. Writes
docs/images/main.svg (the browse screen), topic.svg (a topic with related links), question.svg
(a flow question) and outcome.svg (where the longest path through the flow ends).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from leakguide.app import LeakGuideApp  # noqa: E402
from leakguide.content import bundled_guide_path, load_guide  # noqa: E402
from leakguide.content.flowgraph import enumerate_paths  # noqa: E402
from leakguide.content.model import Guide  # noqa: E402
from leakguide.options import AppOptions  # noqa: E402
from leakguide.widgets.related_list import related_topics  # noqa: E402

IMAGES = REPO / "docs" / "images"
SIZE = (100, 30)


def showcase_topic(guide: Guide) -> str:
    """The first topic, in reading order, that links to others (else simply the first)."""
    ordered = guide.reading_order()
    return next((t.id for t in ordered if related_topics(guide, t.id)), ordered[0].id)


def last_path_keys(guide: Guide) -> list[str]:
    """Digit keys that walk the flow's longest path (the one with the most questions)."""
    path = max(enumerate_paths(guide.flow), key=lambda p: len(p.steps))
    keys = []
    for step in path.steps:
        answers = [a.id for a in guide.flow.questions[step.question].answers]
        keys.append(str(answers.index(step.answer) + 1))
    return keys


async def shoot(guide: Guide, filename: str, keys: list[str], start_topic: str | None) -> Path:
    # fresh and hosted: never read or write the reader's own saved place or summaries.
    options = AppOptions(start_topic=start_topic, fresh=True, hosted=True)
    app = LeakGuideApp(guide, options=options)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause(0.2)
        app.save_screenshot(filename, str(IMAGES))
    return IMAGES / filename


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else bundled_guide_path()
    result = load_guide(path)
    if result.guide is None:
        for problem in result.problems:
            print(problem.render(path), file=sys.stderr)
        return 2
    IMAGES.mkdir(parents=True, exist_ok=True)
    guide = result.guide
    written = [
        asyncio.run(shoot(guide, "main.svg", ["j", "j"], None)),
        asyncio.run(shoot(guide, "topic.svg", [], showcase_topic(guide))),
        asyncio.run(shoot(guide, "question.svg", ["a", "down"], None)),
        asyncio.run(shoot(guide, "outcome.svg", ["a", *last_path_keys(guide)], None)),
    ]
    for picture in written:
        print(picture.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
