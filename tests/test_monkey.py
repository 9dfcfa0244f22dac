"""A seeded monkey: 2,000 random events (every bound key, text, arrows, Escape, Tab,
resizes down to 20x6) leave the app without an exception and still responding."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

EVENTS = 2000


@pytest.mark.parametrize("seed", [20261126])
async def test_monkey_leaves_the_app_responding(tmp_path, monkeypatch, seed):
    from monkey import bound_keys, run_monkey

    from leakguide.app import LeakGuideApp
    from leakguide.content import load_guide
    from leakguide.options import AppOptions

    monkeypatch.chdir(tmp_path)  # anything written by mistake lands here
    keys = bound_keys()
    assert {"a", "slash", "question_mark"} <= set(keys) or {"a", "/", "?"} <= set(keys)
    guide = load_guide(FIXTURES / "minimal.toml").guide
    options = AppOptions(guide_path=str(FIXTURES / "minimal.toml"), fresh=True,
                         save_dir=str(tmp_path / "summaries"), state_dir=str(tmp_path / "state"))
    app = LeakGuideApp(guide, options=options)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await run_monkey(app, pilot, seed, EVENTS)
        # Still responding: back to a normal size, close whatever is open, ask for help.
        await pilot.resize_terminal(80, 24)
        for _ in range(6):
            await pilot.press("escape")
        await pilot.pause()
        if type(app.screen).__name__ == "HelpScreen":
            await pilot.press("question_mark")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
