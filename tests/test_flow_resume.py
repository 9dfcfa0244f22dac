"""Resume: the reader's place survives a restart of the app; damaged state never crashes it."""

from __future__ import annotations

import json
import random

import pytest
from test_flow_screens import SIZE, make_app, screen_text
from test_flow_state import feeds_end_the_flow_text

from leakguide.screens.flow import AnswerList, FlowScreen
from leakguide.screens.outcome import OutcomeScreen
from leakguide.state import STATE_FILE, STATE_VERSION
from leakguide.widgets.topic_tree import TOPIC, Entry


def recording(app) -> list[str]:
    """Collect the app's notifications (messages only)."""
    notes: list[str] = []
    original = app.notify

    def notify(message, **kwargs):
        notes.append(str(message))
        return original(message, **kwargs)

    app.notify = notify
    return notes


async def test_answers_are_restored_after_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "2", "b")  # at "when", answer "All the time" highlighted
    saved = json.loads((tmp_path / "state" / STATE_FILE).read_text())
    assert saved["version"] == STATE_VERSION

    app = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # notices come right after the first frame
        assert any("Restored your place" in n and "--fresh" in n for n in notes)
        await pilot.press("a")
        assert isinstance(app.screen, FlowScreen)
        assert app.flow_state.current_question.id == "when"
        assert app.screen.query_one(AnswerList).highlighted == 1
        assert "All the time" in screen_text(app)


async def test_a_reached_outcome_is_restored(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "1", "2")
        assert isinstance(app.screen, OutcomeScreen)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, OutcomeScreen)
        assert "Talk to your health visitor" in screen_text(app)


async def test_fresh_ignores_the_saved_place(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "1")
    app = make_app(tmp_path, fresh=True)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert not app.flow_state.answers
        assert not any("Restored" in n for n in notes)


async def test_state_is_saved_while_the_app_runs(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1")
        app.save_place_now()  # what the short timer does after a change
        saved = json.loads((tmp_path / "state" / STATE_FILE).read_text())
        assert saved["flow"]["answers"] == [["red-flags", "none"]]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(random.Random(7).randbytes(300), id="random-bytes"),
        pytest.param(b'{"version": 1, "topic": "pads", "flow": {"answers": [["red', id="truncated"),
        pytest.param(json.dumps({"version": 99, "topic": "pads"}).encode(), id="wrong-version"),
        pytest.param(json.dumps({"version": 1, "flow": "yes"}).encode(), id="wrong-types"),
    ],
)
async def test_damaged_state_gives_a_clean_start_with_a_notice(tmp_path, content):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / STATE_FILE).write_bytes(content)
    app = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # notices come right after the first frame
        assert any("was ignored" in n and "Starting clean" in n for n in notes)
        await pilot.press("a")
        assert isinstance(app.screen, FlowScreen) and not app.flow_state.answers
        await pilot.press("1")
    # The damaged file was replaced by a good one.
    saved = json.loads((tmp_path / "state" / STATE_FILE).read_text())
    assert saved["flow"]["answers"] == [["red-flags", "none"]]


async def test_answers_that_no_longer_fit_a_changed_guide_are_dropped(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "1", "1")  # none, during feeds, a few drops
    # The same state read with a changed guide, where "during feeds" ends the flow: the
    # answer to "how-much" (which no longer follows it) is dropped.
    other = tmp_path / "other.toml"
    other.write_text(feeds_end_the_flow_text(), encoding="utf-8")
    app = make_app(tmp_path, guide_path=other)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # notices come right after the first frame
        assert any("no longer fit" in n and "dropped" in n for n in notes)
        await pilot.press("a")
        assert dict(app.flow_state.answers) == {"red-flags": "none", "when": "feeds"}
        assert isinstance(app.screen, OutcomeScreen)
        assert app.flow_state.outcome.id == "normal"


async def test_an_unwritable_state_dir_is_told_not_raised(tmp_path):
    blocker = tmp_path / "state"
    blocker.write_text("a file where the directory should be")
    app = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1")
        app.save_place_now()
        app.save_place_now()
        assert sum("Could not save your place" in n for n in notes) == 1


async def test_topic_and_history_are_restored_after_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.browse.open_topic("pads")
        app.browse.open_topic("let-down")
        await pilot.press("a", "1", "escape")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.browse.topic_tree.current == Entry(TOPIC, "let-down")
        assert app.browse.history.entries == ("pads", "let-down")
        await pilot.press("b")
        assert app.browse.topic_tree.current == Entry(TOPIC, "pads")
        assert app.flow_state.chosen("red-flags") == "none"


async def text_drawn(pilot) -> None:
    """Wait until the topic's text is drawn in full (a frame after the first) and laid out."""
    from snapshot_apps import bodies_drawn

    await bodies_drawn(pilot)
    await pilot.pause()


async def test_the_place_in_a_topics_text_is_restored(tmp_path):
    """The topic came back at its top: a reader halfway down a long topic on a phone had to
    find their place again."""
    from leakguide.state import TopicScroll

    app = make_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        app.browse.open_topic("let-down")
        await text_drawn(pilot)
        view = app.browse.view
        assert app.focused is view and view.max_scroll_y >= 3
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert round(view.scroll_y) == 3
        lines_at_40 = view.line_count
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await text_drawn(pilot)
        assert app.browse.topic_tree.current == Entry(TOPIC, "let-down")
        assert round(app.browse.view.scroll_y) == 3
        await pilot.press("k")  # and the reader goes on from there
        await pilot.pause()
        assert round(app.browse.view.scroll_y) == 2
    app = make_app(tmp_path)
    async with app.run_test(size=(44, 12)) as pilot:  # a wider screen: the same share
        await text_drawn(pilot)
        view = app.browse.view
        assert view.line_count != lines_at_40
        assert round(view.scroll_y) == TopicScroll(2, lines_at_40).first_line(view.line_count)


async def test_another_topic_starts_at_its_top(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        app.browse.open_topic("let-down")
        await text_drawn(pilot)
        await pilot.press("j", "j", "j")
        app.browse.open_topic("pads")
        await pilot.pause()
        assert app.session.scroll.line == 0
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await text_drawn(pilot)
        assert app.browse.topic_tree.current == Entry(TOPIC, "pads")
        assert round(app.browse.view.scroll_y) == 0
