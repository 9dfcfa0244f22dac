"""Live reload (`leakguide --watch`): the watcher on its own, then the app at 80×24 through Pilot.

The app tests call `app.poll_guide()` (what the half-second timer calls) instead of waiting.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from test_flow_screens import screen_text, text_of

from leakguide.app import LeakGuideApp
from leakguide.content import load_guide
from leakguide.guide_watch import (
    GuideWatcher,
    Poll,
    Reading,
    Verdict,
    file_signature,
)
from leakguide.history import History
from leakguide.options import AppOptions
from leakguide.screens.flow import FlowScreen
from leakguide.screens.outcome import OutcomeScreen
from leakguide.widgets.guide_errors import GuideErrors
from leakguide.widgets.topic_tree import SECTION, TOPIC, Entry

SIZE = (80, 24)
MINIMAL = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")
#: The answers (keys) that lead past the three screening questions to "When does it leak?".
TO_WHEN = ("2", "2", "2")
BROKEN_LINE = "oops = \n"


def guide_file(tmp_path: Path, text: str = MINIMAL) -> Path:
    path = tmp_path / "guide.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rewrite(path: Path, text: str) -> None:
    """Write in place (same inode), as `>>` or an editor without atomic saves does."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def atomic_save(path: Path, text: str) -> None:
    """Write a temporary file and rename it over the guide, as most editors save."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def check_lines(path: Path) -> list[str]:
    """What `leakguide check` prints for each problem (without the count line)."""
    return run_cli("check", "-q", str(path)).stdout.splitlines()


# The watcher on its own ----------------------------------------------------------------------


def test_signature_is_none_for_a_missing_file(tmp_path):
    assert file_signature(tmp_path / "nothing.toml") is None


def test_signature_changes_on_atomic_save_even_with_same_size_and_time(tmp_path):
    path = guide_file(tmp_path)
    before = os.stat(path)
    atomic_save(path, MINIMAL)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = file_signature(path)
    assert after is not None
    assert after.size == before.st_size and after.mtime_ns == before.st_mtime_ns
    assert after != file_signature_of(before)


def file_signature_of(info: os.stat_result):
    from leakguide.guide_watch import Signature

    return Signature(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def test_poll_sees_an_in_place_write_and_settles_on_the_new_guide(tmp_path):
    path = guide_file(tmp_path)
    watcher = GuideWatcher(str(path))
    assert watcher.poll() is Poll.UNCHANGED
    rewrite(path, MINIMAL.replace('title = "Test guide"', 'title = "Renamed guide"'))
    assert watcher.poll() is Poll.CHANGED
    settled = watcher.settle(watcher.read())
    assert settled.verdict is Verdict.RELOAD
    assert settled.guide is not None and settled.guide.info.title == "Renamed guide"
    assert watcher.poll() is Poll.UNCHANGED


def test_same_text_saved_again_is_not_a_reload(tmp_path):
    path = guide_file(tmp_path)
    watcher = GuideWatcher(str(path))
    atomic_save(path, MINIMAL)
    assert watcher.poll() is Poll.CHANGED
    reading = watcher.read()
    assert reading.result is None  # not parsed at all
    assert watcher.settle(reading).verdict is Verdict.NOTHING
    assert watcher.poll() is Poll.UNCHANGED


def test_broken_version_gives_the_problems_exactly_as_check_prints_them(tmp_path):
    path = guide_file(tmp_path)
    watcher = GuideWatcher(str(path))
    rewrite(path, MINIMAL + BROKEN_LINE + 'extra = "x"\n')
    assert watcher.poll() is Poll.CHANGED
    settled = watcher.settle(watcher.read())
    assert settled.verdict is Verdict.BROKEN
    assert settled.guide is None
    assert list(settled.problems) == check_lines(path)
    assert settled.problems[0].startswith(f"{path}:{MINIMAL.count(chr(10)) + 1}:")
    assert settled.error_count == 1


def test_schema_errors_are_located_too(tmp_path):
    path = guide_file(tmp_path)
    watcher = GuideWatcher(str(path))
    rewrite(path, MINIMAL.replace('see_also = ["let-down"]', 'see_also = ["nowhere"]'))
    watcher.poll()
    settled = watcher.settle(watcher.read())
    assert settled.verdict is Verdict.BROKEN
    assert list(settled.problems) == check_lines(path)
    assert any("nowhere" in line for line in settled.problems)


def test_a_missing_file_is_told_once_after_a_while_and_its_return_is_no_reload(tmp_path):
    path = guide_file(tmp_path)
    watcher = GuideWatcher(str(path), missing_polls=3)
    path.unlink()
    assert [watcher.poll() for _ in range(5)] == [
        Poll.UNCHANGED, Poll.UNCHANGED, Poll.MISSING, Poll.UNCHANGED, Poll.UNCHANGED,
    ]
    guide_file(tmp_path)  # back, same text, new inode
    assert watcher.poll() is Poll.CHANGED
    assert watcher.settle(watcher.read()).verdict is Verdict.NOTHING
    assert watcher.poll() is Poll.UNCHANGED


def test_a_file_deleted_while_being_read_is_not_yet(tmp_path):
    path = guide_file(tmp_path)
    watcher = GuideWatcher(str(path))
    path.unlink()
    reading = watcher.read()
    assert reading.before is None and reading.text is None
    assert watcher.settle(reading).verdict is Verdict.NOTHING


def test_a_file_that_changed_while_being_read_is_read_again(tmp_path):
    path = guide_file(tmp_path)
    watcher = GuideWatcher(str(path))
    rewrite(path, MINIMAL + BROKEN_LINE)
    reading = watcher.read()
    changing = Reading(reading.before, None if reading.before is None else
                       type(reading.before)(0, 0, 0, 0), reading.text, reading.result)
    assert watcher.settle(changing).verdict is Verdict.NOTHING  # half-written: no error shown
    assert watcher.poll() is Poll.CHANGED  # so the next poll reads it again


def test_an_emptied_file_is_an_error(tmp_path):
    path = guide_file(tmp_path)
    watcher = GuideWatcher(str(path))
    rewrite(path, "")
    watcher.poll()
    settled = watcher.settle(watcher.read())
    assert settled.verdict is Verdict.BROKEN
    assert settled.problems == (f"{path}:1:1: error: the file is empty",)


def test_history_keep_only_drops_vanished_topics_and_stays_on_the_same_entry():
    history = History(["a", "b", "a", "c", "d"], index=3)
    assert history.keep_only({"a", "c", "d"}) == ["b"]
    assert history.entries == ("a", "c", "d")
    assert history.current == "c"
    history = History(["a", "b", "c"], index=1)
    history.keep_only({"a", "c"})
    assert history.current == "a"  # the vanished current entry: the one before it
    history = History(["b", "a"], index=0)
    history.keep_only({"a"})
    assert history.current == "a"


# The app -----------------------------------------------------------------------------------


def make_app(tmp_path: Path, *, hosted: bool = False) -> tuple[LeakGuideApp, Path]:
    path = guide_file(tmp_path)
    options = AppOptions(guide_path=str(path), watch=True, hosted=hosted,
                         state_dir=str(tmp_path / "state"), save_dir=str(tmp_path / "saved"))
    return LeakGuideApp(load_guide(path).guide, options=options), path


def recording(app: LeakGuideApp) -> list[str]:
    """Collect the app's notifications as "title: message"."""
    notes: list[str] = []
    original = app.notify

    def notify(message, **kwargs):
        notes.append(f"{kwargs.get('title', '')}: {message}")
        return original(message, **kwargs)

    app.notify = notify
    return notes


async def until(pilot, condition, seconds: float = 5.0) -> None:
    """Let the app run until `condition()` holds (fails after `seconds`)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app did not get there"
        await pilot.pause(0.02)


async def reload(app: LeakGuideApp, pilot) -> None:
    """One look at the file, as the timer does, then let the screens update."""
    await app.poll_guide()
    await pilot.pause()


def words(text: str) -> str:
    return " ".join(text.split())


def errors_panel(app: LeakGuideApp) -> GuideErrors:
    return app.screen.query_one(GuideErrors)


def view_text(app: LeakGuideApp) -> str:
    return "\n".join(app.browse.view.text_lines)


async def test_a_changed_title_shows(tmp_path):
    app, path = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        rewrite(path, MINIMAL.replace('title = "Test guide"', 'title = "A renamed guide"'))
        await reload(app, pilot)
        assert app.title == "A renamed guide"
        assert "A renamed guide" in screen_text(app)
        assert any(note.startswith("Guide reloaded") for note in notes)
        assert not errors_panel(app).display


async def test_an_atomic_save_is_picked_up_by_the_timer(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        inode = os.stat(path).st_ino
        atomic_save(path, MINIMAL.replace("Change pads when they are wet.",
                                          "Change pads often."))
        assert os.stat(path).st_ino != inode
        app.open_topic("pads")
        await until(pilot, lambda: "Change pads often." in view_text(app))


async def test_the_reader_keeps_the_topic_and_sees_its_new_text(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic("pads")
        await pilot.pause()
        history = app.browse.history.entries
        changed = MINIMAL.replace("Hearing a baby cry can start it.", "A cry can start it.")
        changed = changed.replace("Change pads when they are wet.", "Change wet pads soon.")
        atomic_save(path, changed)
        await reload(app, pilot)
        browse = app.browse
        assert browse.topic_tree.current == Entry(TOPIC, "pads")
        assert "Change wet pads soon." in view_text(app)
        assert "Change pads when they are wet." not in view_text(app)
        assert browse.history.entries == history
        assert app.guide.topics["triggers"].body == "A cry can start it."


async def test_scroll_position_is_kept_when_the_topic_stays(tmp_path):
    long_body = "\n\n".join(f"Paragraph {n}." for n in range(60))
    text = MINIMAL.replace('body = "Change pads when they are wet."',
                           f'body = """{long_body}"""')
    app, path = make_app(tmp_path)
    rewrite(path, text)
    app = LeakGuideApp(load_guide(path).guide, options=app.options)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic("pads")
        await pilot.pause()
        view = app.browse.view
        view.scroll_to(0, 30, animate=False, immediate=True)
        await pilot.pause()
        rewrite(path, text.replace("Paragraph 59.", "The last paragraph."))
        await reload(app, pilot)
        assert view.scroll_y == 30
        assert "The last paragraph." in view_text(app)


async def test_a_broken_version_shows_its_errors_and_keeps_the_guide_until_fixed(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic("pads")
        await pilot.pause()
        rewrite(path, MINIMAL.replace('title = "Test guide"', 'title = "Half edited"')
                + BROKEN_LINE)
        await reload(app, pilot)
        panel = errors_panel(app)
        assert panel.display
        shown = text_of(panel.content)
        assert check_lines(path)[0] in shown  # path:line:col: error: message, as `check` says
        assert "error" in str(panel.border_title)
        assert app.title == "Test guide"  # the last good guide stays
        assert "Change pads when they are wet." in view_text(app)
        # it fits at 80×24 and leaves the guide readable
        assert panel.region.height <= 9
        assert panel.region.bottom <= SIZE[1] - 1  # above the keys line
        assert app.browse.view.region.height >= 6
        assert app.browse.topic_tree.current == Entry(TOPIC, "pads")

        rewrite(path, MINIMAL.replace('title = "Test guide"', 'title = "Fixed guide"'))
        await reload(app, pilot)
        assert not errors_panel(app).display
        assert app.title == "Fixed guide"
        assert app.browse.topic_tree.current == Entry(TOPIC, "pads")


async def test_the_errors_show_on_the_flow_screen_too(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, FlowScreen)
        rewrite(path, MINIMAL + BROKEN_LINE)
        await reload(app, pilot)
        assert errors_panel(app).display
        assert "Is any of this happening now?" in screen_text(app)
        rewrite(path, MINIMAL)
        await reload(app, pilot)
        assert not errors_panel(app).display
        await pilot.press("b")  # back to the guide: no panel there either
        assert not errors_panel(app).display


async def test_a_removed_topic_falls_back_to_its_parent_with_a_notice(tmp_path):
    app, path = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic("pads")
        await pilot.pause()
        app.open_topic("triggers")
        await pilot.pause()
        start = MINIMAL.index('[[topic]]\nid = "triggers"')
        end = MINIMAL.index('[[topic]]\nid = "pads"')
        atomic_save(path, MINIMAL[:start] + MINIMAL[end:])
        await reload(app, pilot)
        browse = app.browse
        assert "triggers" not in app.guide.topics
        assert browse.topic_tree.current == Entry(TOPIC, "let-down")
        assert "The let-down reflex" in view_text(app)
        assert "triggers" not in browse.history.entries
        assert any("“What sets it off” is no longer in the guide" in n for n in notes)
        await pilot.press("b")  # history still works: back to pads
        assert browse.topic_tree.current == Entry(TOPIC, "pads")


async def test_a_removed_top_topic_falls_back_to_its_section(tmp_path):
    app, path = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic("pads")
        await pilot.pause()
        start = MINIMAL.index('[[topic]]\nid = "pads"')
        end = MINIMAL.index("[flow]")
        text = MINIMAL[:start] + MINIMAL[end:]
        text = text.replace('\nSee also [breast pads](topic:pads).\n', '\n')
        text = text.replace('recommend = ["pads"]', 'recommend = []')
        text = text.replace("[Pads](topic:pads) help.", "Pads help.")
        atomic_save(path, text)
        await reload(app, pilot)
        assert load_guide(path).ok
        assert app.browse.topic_tree.current == Entry(SECTION, "help")
        assert any("“Breast pads” is no longer in the guide; showing “What helps”" in n
                   for n in notes)


async def test_flow_answers_that_no_longer_fit_are_dropped_with_a_notice(tmp_path):
    app, path = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *TO_WHEN)  # red-flags: none of these -> "When does it leak?"
        assert "When does it leak?" in screen_text(app)
        rewrite(path, MINIMAL.replace('id = "none"', 'id = "no-signs"'))
        await reload(app, pilot)
        assert dict(app.flow_state.answers) == {"emergency": "not-now", "temperature": "not-hot"}
        assert isinstance(app.screen, FlowScreen)
        assert "Do any of these apply?" in screen_text(app)
        assert any("“Do any of these apply?” no longer fit" in n for n in notes)


async def test_answers_that_still_fit_are_kept_and_the_question_text_updates(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *TO_WHEN)
        rewrite(path, MINIMAL.replace('text = "When does it leak?"',
                                      'text = "When do you leak?"'))
        await reload(app, pilot)
        assert dict(app.flow_state.answers) == {
            "emergency": "not-now", "temperature": "not-hot", "red-flags": "none",
        }
        assert "When do you leak?" in screen_text(app)


async def test_the_outcome_screen_shows_the_reloaded_outcome(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *TO_WHEN, "1")  # -> "This is normal"
        assert isinstance(app.screen, OutcomeScreen)
        assert "Evidence: Clinical guidance" in screen_text(app)
        rewrite(path, MINIMAL.replace('title = "This is normal"', 'title = "Very common"')
                .replace('urgency = "self-care"\nevidence = "clinical"',
                         'urgency = "self-care"\nevidence = "tcm"'))
        await reload(app, pilot)
        assert isinstance(app.screen, OutcomeScreen)
        assert "Very common" in screen_text(app)
        assert "This is normal" not in screen_text(app)
        assert "Evidence: Traditional Chinese medicine view" in screen_text(app)


async def test_an_outcome_no_longer_reached_goes_back_to_the_questions(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *TO_WHEN, "1")
        assert isinstance(app.screen, OutcomeScreen)
        rewrite(path, MINIMAL.replace('id = "feeds"', 'id = "at-feeds"'))
        await reload(app, pilot)
        await until(pilot, lambda: isinstance(app.screen, FlowScreen))
        assert "When does it leak?" in screen_text(app)


async def test_a_question_that_now_ends_the_flow_shows_the_outcome(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *TO_WHEN)
        assert isinstance(app.screen, FlowScreen)
        changed = MINIMAL.replace('label = "None of these"\nnext = "when"',
                                  'label = "None of these"\noutcome = "talk"')
        changed = changed.replace('label = "All the time"\noutcome = "talk"',
                                  'label = "All the time"\noutcome = "see-doctor"\n'
                                  'preview = "This means: get medical help today."')
        changed = changed.replace(
            'outcome = "see-doctor"\npreview = "This answer means you should get medical help '
            'today."', 'next = "when"')
        rewrite(path, changed)
        assert load_guide(path).ok
        await reload(app, pilot)
        await until(pilot, lambda: isinstance(app.screen, OutcomeScreen))
        assert "Talk to your health visitor" in screen_text(app)


async def test_a_missing_file_keeps_the_guide_and_says_so_once(tmp_path):
    app, path = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        path.unlink()
        for _ in range(8):
            await reload(app, pilot)
        missing = [n for n in notes if "is missing" in n]
        assert len(missing) == 1
        assert app.title == "Test guide"
        assert not errors_panel(app).display
        guide_file(tmp_path, MINIMAL.replace('title = "Test guide"', 'title = "Back again"'))
        await reload(app, pilot)
        assert app.title == "Back again"


async def test_hosted_mode_ignores_watch(tmp_path):
    app, path = make_app(tmp_path, hosted=True)
    async with app.run_test(size=SIZE) as pilot:
        rewrite(path, MINIMAL.replace('title = "Test guide"', 'title = "Should not show"'))
        await reload(app, pilot)
        assert app.title == "Test guide"


async def test_polls_and_timer_never_load_twice_at_once(tmp_path):
    app, path = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        rewrite(path, MINIMAL.replace('title = "Test guide"', 'title = "Once only"'))
        await asyncio.gather(app.poll_guide(), app.poll_guide(), app.poll_guide())
        await pilot.pause()
        assert app.title == "Once only"
        assert len([n for n in notes if n.startswith("Guide reloaded")]) == 1


@pytest.mark.parametrize("width", [40, 80])
async def test_errors_panel_is_readable_with_many_errors(tmp_path, width):
    app, path = make_app(tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        broken = MINIMAL
        for topic_id in ("let-down", "triggers", "pads"):
            broken = broken.replace(f'id = "{topic_id}"\n', f'id = "{topic_id}"\nkind2 = 1\n', 1)
        broken = broken.replace('see_also = ["let-down"]', 'see_also = ["x", "y", "z"]')
        rewrite(path, broken)
        await reload(app, pilot)
        panel = errors_panel(app)
        assert panel.display
        assert len(check_lines(path)) > 4
        shown = text_of(panel.content)
        assert "more: leakguide check" in str(panel.border_subtitle)
        assert words(check_lines(path)[0]) in words(shown)
        hidden = int(str(panel.border_subtitle).split()[0])
        shown_count = sum(words(line) in words(shown) for line in check_lines(path))
        assert shown_count >= 1 and shown_count + hidden == len(check_lines(path))
        assert panel.region.height <= 9
        assert app.browse.topic_tree.region.height >= 6 or app.browse.view.region.height >= 6


async def test_open_and_closed_branches_stay_so(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.browse.topic_tree
        tree.node_for(Entry(TOPIC, "let-down")).expand()
        tree.node_for(Entry(SECTION, "help")).collapse()
        await pilot.pause()
        rewrite(path, MINIMAL.replace('title = "Test guide"', 'title = "Branches"'))
        await reload(app, pilot)
        assert app.title == "Branches"
        assert tree.node_for(Entry(TOPIC, "let-down")).is_expanded
        assert not tree.node_for(Entry(SECTION, "help")).is_expanded
        assert tree.node_for(Entry(SECTION, "why")).is_expanded


async def test_a_flow_under_the_help_screen_updates_when_the_help_closes(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *TO_WHEN, "question_mark")
        help_screen = app.screen
        changed = MINIMAL.replace('label = "None of these"\nnext = "when"',
                                  'label = "None of these"\noutcome = "talk"')
        changed = changed.replace('label = "All the time"\noutcome = "talk"',
                                  'label = "All the time"\noutcome = "see-doctor"\n'
                                  'preview = "This means: get medical help today."')
        changed = changed.replace(
            'outcome = "see-doctor"\npreview = "This answer means you should get medical help '
            'today."', 'next = "when"')
        rewrite(path, changed)
        await reload(app, pilot)
        assert app.screen is help_screen  # the reader's help stays open
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, OutcomeScreen))
        assert "Talk to your health visitor" in screen_text(app)


async def test_a_screen_opened_while_the_guide_is_broken_shows_the_errors(tmp_path):
    app, path = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        rewrite(path, MINIMAL + BROKEN_LINE)
        await reload(app, pilot)
        await pilot.press("a")
        assert isinstance(app.screen, FlowScreen)
        assert errors_panel(app).display
        assert check_lines(path)[0] in text_of(errors_panel(app).content)


async def test_titles_with_markup_characters_are_shown_as_written(tmp_path):
    app, path = make_app(tmp_path)
    notes = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        marked = MINIMAL.replace('title = "What sets it off"', 'title = "[/]What [b]sets it off"')
        rewrite(path, marked)
        await reload(app, pilot)
        app.open_topic("triggers")
        await pilot.pause()
        assert "[/]What [b]sets it off" in view_text(app)
        rewrite(path, marked.replace('id = "triggers"', 'id = "set-off"'))
        await reload(app, pilot)
        await pilot.pause(0.1)  # the notice is drawn
        assert app.browse.topic_tree.current == Entry(TOPIC, "let-down")
        assert any("“[/]What [b]sets it off” is no longer" in n for n in notes)
