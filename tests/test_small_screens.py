"""A phone over SSH at night: every screen usable at 40×12 (issue 17), driven through Pilot.

One test per bug found there: the question scrolled away, a highlighted answer out of sight, the
keys line losing ? and q, resume forgetting the outcome, no glyph on the chosen answer, cut URLs,
raw `topic:` links in saved summaries.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import BUNDLED_GUIDE
from snapshot_apps import pane_follows
from test_flow_screens import make_app, screen_text

from leakguide.flowstate import FlowState
from leakguide.i18n import set_language
from leakguide.screens.browse import BrowseScreen
from leakguide.screens.flow import ASCII_CHOSEN_MARK, CHOSEN_MARK, AnswerList, FlowScreen
from leakguide.screens.help import HelpScreen
from leakguide.screens.outcome import OutcomeScreen
from leakguide.state import STATE_FILE
from leakguide.summary import render_summary
from leakguide.textual_private import compositor_of
from leakguide.widgets.key_bar import KeyBar

PHONE = (40, 12)


def fully_in_sight(app, selector: str) -> bool:
    """True when the widget is drawn whole: not scrolled away, not clipped by its container."""
    widget = app.screen.query_one(selector)
    geometry = app.screen.find_widget(widget)
    return geometry.region.height > 0 and geometry.visible_region == geometry.region


def shown_lines(app) -> list[str]:
    """The rows of the terminal as the reader sees them now (toasts included)."""
    return [strip.text for strip in compositor_of(app.screen).render_strips()]


def words(text: str) -> list[str]:
    return text.split()


async def test_the_question_is_in_sight_first_and_comes_back_with_up_or_home(tmp_path):
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FlowScreen)
        assert fully_in_sight(app, "#flow-question-text")
        await pilot.press("j")  # a long answer: the question makes room for it
        await pilot.pause()
        assert not app.screen.query_one("#flow-question-text").display
        assert "↑ question" in shown_lines(app)[0]  # and says how to get it back
        await pilot.press("k")  # the first answer, from its start: the question is back
        await pilot.pause()
        assert fully_in_sight(app, "#flow-question-text")
        for key in ("j", "j", "j", "home"):
            await pilot.press(key)
        await pilot.pause()
        assert fully_in_sight(app, "#flow-question-text")
        assert fully_in_sight(app, "#flow-answers")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_every_word_of_every_answer_is_read_by_walking_down_then_up(tmp_path, lang):
    """The emergency answers of question 1 are taller than the box at 40×12: j (then k) moves
    through each line by line, so every word is on the screen at some point, in order."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, language=lang, fresh=True)
    try:
        await walk_every_answer(app, lang)
    finally:
        set_language("en")


async def walk_every_answer(app, lang: str) -> None:
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        answers = app.screen.query_one(AnswerList)
        question = app.flow_state.current_question
        needed = [words(answer.label) if lang == "en" else list(answer.label.replace(" ", ""))
                  for answer in question.answers]

        async def walk(key: str, done) -> set[str]:
            seen: set[str] = set()
            for _ in range(60):
                text = "\n".join(shown_lines(app))
                seen.update(words(text) if lang == "en" else set(text))
                if done():
                    return seen
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, FlowScreen)  # j and k never choose
            raise AssertionError(f"{key} never reached the end")

        last = answers.option_count - 1
        down = await walk("j", lambda: answers.highlighted == last
                          and answers.scroll_y == answers.max_scroll_y)
        up = await walk("k", lambda: answers.highlighted == 0 and answers.scroll_y == 0)
        for number, label in enumerate(needed, start=1):
            for word in label:
                assert word in down, (number, word)
                assert word in up, (number, word)
        assert answers.option_count == len(question.answers)


async def test_the_last_line_of_a_long_answer_is_reached_before_the_next_is_highlighted(
        tmp_path):
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        first_tail = "or I feel I might die"
        for _ in range(10):
            if app.screen.query_one(AnswerList).highlighted != 0:
                break
            last_seen = "\n".join(shown_lines(app))
            await pilot.press("j")
            await pilot.pause()
        assert first_tail in last_seen  # the end was shown while answer 1 was highlighted
        assert "EMERGENCY" in "\n".join(shown_lines(app))  # the preview stays


async def test_page_down_scrolls_the_answers_and_more_shows_which_way(tmp_path):
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        answers = app.screen.query_one(AnswerList)
        more = app.screen.query_one("#flow-more")
        assert more.display and "↓" in str(more.content) and "↑" not in str(more.content)
        await pilot.press("pagedown")  # first the question makes room
        await pilot.pause()
        assert not app.screen.query_one("#flow-question-text").display
        await pilot.press("pagedown")
        await pilot.pause()
        assert answers.scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert answers.highlighted > 0  # an answer in sight is highlighted
        for _ in range(15):
            await pilot.press("pagedown")
        await pilot.pause()
        assert answers.highlighted == answers.option_count - 1
        assert "↑" in str(more.content) and "↓" not in str(more.content)
        await pilot.press("pageup")
        await pilot.pause()
        assert answers.scroll_y < answers.max_scroll_y
        await pilot.press("3")  # digits still choose directly
        await pilot.pause()
        assert app.flow_state.chosen(app.flow_state.path[0]) is not None


async def test_the_highlighted_answer_is_in_sight_after_moving_to_the_last(tmp_path):
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "end")
        await pilot.pause()
        answers = app.screen.query_one(AnswerList)
        assert answers.highlighted == answers.option_count - 1
        assert answers.max_scroll_y > 0  # the answers scroll in their own box...
        assert answers.scroll_y == answers.max_scroll_y  # ...which shows the last one
        await pilot.press("home")
        await pilot.pause()
        assert answers.scroll_y == 0


async def test_why_we_ask_waits_for_w_on_a_short_screen(tmp_path):
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a")
        assert not app.screen.query_one("#flow-why").display
        why = app.screen.query_one("#flow-why-box")
        assert not why.display
        await pilot.press("w")
        await pilot.pause()
        assert why.display
        await pilot.pause()
        assert app.screen.find_widget(why).visible_region.height > 0


async def test_b_on_the_first_question_is_a_step_back_even_with_why_we_ask_open(tmp_path):
    """As from any later question: `b` goes back (here, to the guide), not only closes the
    box; the question comes back with its answers when the reader returns with `a`."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "w")
        await pilot.pause()
        assert app.screen.query_one("#flow-why-box").display
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("a")
        await pilot.pause()
        assert not app.screen.query_one("#flow-why-box").display
        assert app.screen.query_one(AnswerList).display


async def test_a_number_with_why_we_ask_open_shows_that_answer_and_chooses_nothing(tmp_path):
    """"Why we ask" takes the answers' place on a phone; a number there used to answer the
    question unseen. Now it brings the answers back with that one highlighted."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "7", "w")  # question 2, "why we ask" open
        await pilot.pause()
        answers_before = app.flow_state.answers
        assert not app.screen.query_one(AnswerList).display
        await pilot.press("4")
        await pilot.pause()
        assert app.flow_state.position == 1 and app.flow_state.answers == answers_before
        answers = app.screen.query_one(AnswerList)
        assert answers.display and answers.has_focus and answers.highlighted == 3
        assert not app.screen.query_one("#flow-why-box").display
        await pilot.press("enter")
        assert app.flow_state.answers != answers_before  # chosen in sight, with Enter


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_w_shows_why_in_the_answers_place_and_keeps_the_question_in_sight(
        tmp_path, lang):
    """At 40×12 `w` used to scroll "Question N of at most 8" and the question away."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, language=lang, fresh=True)
    try:
        async with app.run_test(size=PHONE) as pilot:
            await pilot.press("a", "j")  # the question made room for a long answer
            await pilot.press("w")
            await pilot.pause()
            await pilot.pause()
            question = app.flow_state.current_question
            shown = "\n".join(shown_lines(app))
            assert shown_lines(app)[0].strip() == str(app.flow_state.progress())
            for selector in ("#flow-progress", "#flow-question-text", "#flow-why-short"):
                assert fully_in_sight(app, selector), selector
            assert not app.screen.query_one(AnswerList).display  # why is in their place
            assert question.why[-4:] in shown  # its end too
            await pilot.press("j", "w")  # j scrolls the why text, w brings the answers back
            await pilot.pause()
            assert app.focused is app.screen.query_one(AnswerList)
            assert not app.screen.query_one("#flow-why-box").display
            assert fully_in_sight(app, "#flow-question-text")
            await pilot.press("w", "escape")  # Escape closes it too, and stays in the flow
            await pilot.pause()
            assert isinstance(app.screen, FlowScreen)
            assert app.focused is app.screen.query_one(AnswerList)
            await pilot.press("w", "y", "y")  # your answers and back: to the answers
            await pilot.pause()
            assert app.focused is app.screen.query_one(AnswerList)
            assert app.screen.query_one(AnswerList).display
            await pilot.press("w", "7")  # a digit brings the answers back, that one highlighted
            await pilot.pause()
            assert app.flow_state.position == 0
            assert app.screen.query_one(AnswerList).highlighted == 6
            await pilot.press("enter")  # chosen in sight; the next question shows its answers
            await pilot.pause()
            assert app.flow_state.position == 1
            assert app.focused is app.screen.query_one(AnswerList)
            assert app.screen.query_one(AnswerList).display
    finally:
        set_language("en")


@pytest.mark.parametrize("keys", [(), ("a",), ("a", "1", "3"), ("question_mark",)],
                         ids=["browse", "question", "outcome", "help-over-browse"])
async def test_the_keys_line_keeps_help_and_quit_at_40_columns(tmp_path, keys):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        if isinstance(app.screen, HelpScreen):  # help has no keys line: the one under it
            await pilot.press("question_mark")
            await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = bar.render().plain
        assert "? Help" in shown and "q Quit" in shown
        assert len(shown) <= PHONE[0]
        # Whole keys only (no stray "a" of a cut "a Ask"), in the order of the full list.
        kept = bar.keys_that_fit(PHONE[0])
        assert shown == "".join(f" {k.display} {k.description} " for k in kept)
        every_key = bar.keys()
        kept_ids = [k.id for k in kept]
        assert kept_ids == [k.id for k in every_key if k.id in kept_ids]


async def test_the_keys_line_drops_no_key_when_there_is_room(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert bar.keys_that_fit(120) == bar.keys()


async def test_resume_opens_the_outcome_the_reader_left_at(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "1", "3")
        assert isinstance(app.screen, OutcomeScreen)
    saved = json.loads((tmp_path / "state" / STATE_FILE).read_text())
    assert saved["screen"] == "outcome"

    app = make_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert "This is normal" in screen_text(app)
        await pilot.press("escape")  # back to the guide: the next start opens the guide
        assert isinstance(app.screen, BrowseScreen)

    app = make_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)


async def test_resume_opens_the_question_the_reader_left_at(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "1")
    app = make_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FlowScreen)
        assert app.flow_state.current_question.id == "when"


async def test_a_topic_asked_for_on_the_command_line_wins_over_resume(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "1", "3")
    app = make_app(tmp_path, start_topic="pads")
    async with app.run_test(size=PHONE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)


@pytest.mark.parametrize(("locale", "mark"), [("C.UTF-8", CHOSEN_MARK), ("C", ASCII_CHOSEN_MARK)])
async def test_the_chosen_answer_carries_a_glyph(tmp_path, monkeypatch, locale, mark):
    monkeypatch.setenv("LC_ALL", locale)
    monkeypatch.setenv("PYTHONUTF8", "1")  # the locale says what the terminal is, not Python
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "1", "b")  # back at the first question, "None of these" chosen
        await pilot.pause()
        answers = app.screen.query_one(AnswerList)
        prompts = [screen_text_of(o.prompt) for o in answers.options]
        assert prompts[0].startswith(f"{mark} 1. None of these")
        assert all(p.startswith("  ") for p in prompts[1:])
        assert all(mark not in p for p in prompts[1:])


def screen_text_of(renderable) -> str:
    from test_flow_screens import text_of

    return text_of(renderable).strip("\n")


async def test_outcome_urls_are_shown_whole_at_40_columns(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "1", "3")
        await pilot.pause()
        body = app.screen.query_one("#outcome-body")
        lines = [strip.text for strip in body.render_lines(body.region.reset_offset)]
        drawn = "".join(line.strip() for line in lines)
        assert "https://www.nhs.uk/conditions/mastitis/" in drawn
        assert "…" not in drawn.replace("Get help if…", "")  # nothing cut


def test_saved_summaries_have_no_topic_links():
    from test_flow_screens import FIXTURES

    from leakguide.content import load_guide

    guide = load_guide(FIXTURES / "flow.toml").guide
    state, problems = FlowState.start(guide.flow).with_answer_tokens(["1", "3"])
    assert not problems and state.outcome.id == "normal"
    assert "topic:pads" in state.outcome.body
    text = render_summary(guide, state, dt.datetime(2026, 11, 2, 14, 5))
    assert "topic:" not in text
    assert "](" not in text
    assert f"breast pads (see: {guide.topics['pads'].title})" in text



async def test_the_tree_is_as_wide_as_its_titles_need_up_to_a_share_of_the_screen():
    from leakguide.app import LeakGuideApp
    from leakguide.options import AppOptions
    from leakguide.widgets.full_title import FullTitle

    app = LeakGuideApp(options=AppOptions(fresh=True))  # the bundled guide: long titles
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        tree = app.browse.topic_tree
        column = app.browse.query_one("#tree-column")
        assert column.size.width == tree.widest_line() + 3 <= 80  # borders and a scrollbar
        longest = max(tree._entry_nodes.values(), key=lambda n: n.label.cell_len)
        tree.move_to(longest.data)
        await pilot.pause()
        assert not app.browse.query_one(FullTitle).display  # nothing is cut

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert column.size.width == 32  # 40 % of 80
        full_title = app.browse.query_one(FullTitle)
        assert full_title.display
        assert screen_text_of(full_title.content) == longest.label.plain
        # The cut line itself says so.
        line = tree.render_line(tree.cursor_line - tree.scroll_offset.y).text
        assert line.rstrip().endswith("…")


async def test_moving_the_cursor_never_resizes_the_tree_beside_the_topic():
    """The full title under the tree keeps its height while the tree cuts any title: it came
    and went as each highlighted title was cut or not, and every change of the tree's height
    redrew all of the tree's lines (two more frames a key, about 10 ms)."""
    from leakguide.app import LeakGuideApp
    from leakguide.options import AppOptions
    from leakguide.widgets.full_title import FullTitle

    app = LeakGuideApp(options=AppOptions(fresh=True))  # the bundled guide: long titles
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.browse.topic_tree
        full_title = app.browse.query_one(FullTitle)
        sizes, seen_cut, seen_whole = set(), False, False
        for _ in range(30):
            await pilot.press("l", "j")  # open each branch on the way down
            await pane_follows(pilot)
            node = tree.cursor_node
            assert node is not None
            cut = tree.title_is_cut(node)
            seen_cut, seen_whole = seen_cut or cut, seen_whole or not cut
            sizes.add((tree.size, full_title.size))
            assert screen_text_of(full_title.content) == node.label.plain
        assert seen_cut and seen_whole, "the walk met no cut title, or only cut ones"
        assert len(sizes) == 1, sizes


@pytest.mark.parametrize("keys", [("a", "7", "1"), ("a", "1")], ids=["fever", "emergency"])
async def test_j_reads_the_whole_outcome_at_40x12_get_help_if_included(tmp_path, keys):
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        text = app.screen.query_one("#outcome-text")
        assert app.focused is text  # the outcome first, not the list of topics
        more = app.screen.query_one("#outcome-more")
        assert more.display and "↓" in str(more.content)  # a cue that there is more
        outcome = app.flow_state.outcome
        await pilot.press("j")
        await pilot.pause()
        assert text.scroll_y == 1  # a line at a time
        seen = ""
        last_sign = words(outcome.get_help_if[-1])
        for _ in range(80):
            seen += "\n".join(shown_lines(app))
            if "Get help if" in seen and all(word in seen for word in last_sign):
                break
            await pilot.press("j", "j", "j")  # the text shows 4 lines: each one is seen
            await pilot.pause()
        assert "Get help if" in seen
        for word in last_sign:
            assert word in seen, word
        await pilot.press("G")
        await pilot.pause()
        assert text.scroll_y == text.max_scroll_y > 0
        assert "↓" not in str(more.content)
        await pilot.press("g")
        await pilot.pause()
        assert text.scroll_y == 0


@pytest.mark.parametrize("keys", [("a",), ("a", "1")], ids=["question", "outcome"])
async def test_a_notice_at_40x12_is_one_line_over_the_key_bar_and_covers_nothing(
        tmp_path, keys):
    """"Restored your place…", "Saved the summary to…" and key-file warnings used to cover the
    answers and the emergency numbers for seconds."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE, notifications=True) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        before = shown_lines(app)
        app.notify("Restored your place from last time (start clean with --fresh).",
                   title="Resumed", timeout=30)
        await pilot.pause(0.2)
        await pilot.pause()
        after = shown_lines(app)
        assert after[:-1] == before[:-1]  # every row of content as it was
        assert "Resumed: Restored your place" in after[-1]
        assert "Quit" in before[-1]  # it was the key bar's row (the keys come back after)


async def test_a_notice_at_80x24_leaves_the_related_list_in_sight(tmp_path):
    """At 80×24 "Restored your place…" was a box at the bottom right, over the Related list,
    for 8 seconds."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True, start_topic="sepsis-signs")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        before = shown_lines(app)
        assert any("→ Fever or feeling very unwell" in line for line in before)
        app.notify("Restored your place from last time (start clean with --fresh).",
                   title="Resumed", timeout=30)
        await pilot.pause(0.2)
        await pilot.pause()
        after = shown_lines(app)
        assert after[:-1] == before[:-1]
        assert "Resumed: Restored your place" in after[-1]


@pytest.mark.parametrize("size", [PHONE, (80, 24)], ids=["40x12", "80x24"])
async def test_on_one_line_the_newest_notice_is_the_one_shown(tmp_path, size):
    """The one line showed the oldest notice: "Theme: terminal" stayed hidden behind
    "Saving is off…" until that one timed out."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=size, notifications=True) as pilot:
        app.notify("The first notice", timeout=30)
        await pilot.pause(0.2)
        app.notify("The second notice", timeout=30)
        await pilot.pause(0.2)
        await pilot.pause()
        assert "The second notice" in shown_lines(app)[-1]


async def test_saving_at_40x12_keeps_the_outcome_on_one_screen(tmp_path):
    """"Saved: <a long path>" goes atop the scrolling text on a short screen: the head keeps
    its size, so the screen itself never needs to scroll."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "7", "1")
        await pilot.pause()
        head_before = app.screen.query_one("#outcome-head").region
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.saved_path
        assert app.screen.query_one("#outcome-head").region == head_before
        assert app.screen.query_one("#outcome-saved-short").display
        assert app.screen.max_scroll_y == 0


async def test_the_next_question_does_not_say_question_away_when_it_is_in_sight(tmp_path):
    """Choosing while the question was scrolled away used to leave "↑ question" on the next
    question's first line, though its text was in sight."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("a", "j")  # a long answer: the question makes room for it
        await pilot.pause()
        assert "↑ question" in shown_lines(app)[0]
        await pilot.press("7")  # "None of these": the next question
        await pilot.pause()
        assert app.flow_state.position == 1
        assert fully_in_sight(app, "#flow-question-text")
        assert "↑ question" not in shown_lines(app)[0]


@pytest.mark.parametrize("answers", [("6",), ("7", "1")], ids=["emergency", "urgent"])
async def test_saving_at_40x12_keeps_what_to_do_in_sight(tmp_path, answers):
    """`s` on a phone: what to do (the emergency numbers, or who to call today) stays the
    first thing in the text; the whole path follows it, and a short notice that fits the
    line says it was saved. "Saved: …" used to go first and push the numbers out of sight."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE, notifications=True) as pilot:
        await pilot.press("a", *answers)
        await pilot.pause()
        await pilot.press("j", "j", "j", "j", "j", "j")  # reading further down the text
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause(0.2)
        await pilot.pause()
        path = app.screen.saved_path
        assert path
        text = app.screen.query_one("#outcome-text")
        assert text.scroll_y == 0  # back at the top: what to do first
        how_soon = app.screen.query_one("#outcome-how-soon-short")
        saved = app.screen.query_one("#outcome-saved-short")
        assert how_soon.region.y < saved.region.y
        first_words = app.guide.urgencies[app.flow_state.outcome.urgency].description[:20]
        assert first_words in "".join(shown_lines(app))
        lines = [strip.text for strip in saved.render_lines(saved.region.reset_offset)]
        assert f"Saved:{path}" in "".join(line.strip() for line in lines)  # whole, wrapped
        [notice] = app._notifications
        assert notice.message == "Saved. Where: in the text, below."
        assert len(notice.message) + 2 <= PHONE[0]  # not cut with "…" over the key bar


async def test_a_wrapped_source_address_keeps_its_indent_in_the_topic_pane(tmp_path):
    from leakguide.widgets.topic_view import TopicView

    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=(40, 40)) as pilot:
        view = app.screen.query_one(TopicView)
        app.screen.open_topic("stomach-foods")  # two sources, each address longer than the pane
        await pilot.pause()
        view.scroll_end(animate=False)
        await pilot.pause()
        lines = [strip.text for strip in view.render_lines(view.region.reset_offset)]
        for source_id in app.guide.topics["stomach-foods"].sources:
            url = app.guide.sources[source_id].url
            first = next(i for i, line in enumerate(lines) if url[:20] in line)
            indent = lines[first].index(url[:20])
            drawn, end = "", first
            while len(drawn) < len(url):
                assert lines[end][:indent] == lines[first][:indent], lines[first:end + 1]  # hangs
                drawn += lines[end][indent:].rstrip("┃ ")  # the text, not the frame
                end += 1
            assert end - first > 1 and drawn == url  # wrapped, and whole


@pytest.mark.parametrize("keys, scroller", [
    (("question_mark", "j"), "#help-text"),
    (("slash", "m", "i", "l", "k", *["down"] * 8), "#search-results"),
])
async def test_help_and_search_text_stops_a_column_before_the_scrollbar(tmp_path, keys, scroller):
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        region = app.screen.query_one(scroller).region
        rows = shown_lines(app)[region.y:region.bottom]
        gap = region.right - 2  # the scrollbar takes the last column, this one stays blank
        assert max(len(row[:gap].rstrip()) for row in rows) >= gap - 3  # text fills the width
        assert all(row[gap] == " " for row in rows), rows


async def test_tab_in_search_shows_where_focus_went_without_colour(tmp_path):
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True, theme="mono")
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("slash", "m", "i", "l", "k")
        await pilot.pause()
        field, results = (app.screen.query_one(s) for s in ("#search-input", "#search-results"))

        def drawn() -> tuple[str, str]:
            """The field's top-left corner and the results' left edge, as characters."""
            lines = shown_lines(app)
            return (lines[field.region.y][field.region.x],
                    lines[results.region.y][results.region.x])

        typing = drawn()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is results
        choosing = drawn()
        assert typing[0] != choosing[0] and typing[1] != choosing[1], (typing, choosing)
        assert choosing[1] == "┃"  # the focused area's heavy edge, as elsewhere in the app


async def test_on_a_phone_the_bar_of_a_topic_keeps_the_way_back(tmp_path):
    """On Related the bar was "Enter Follow the link  q Quit  ? Help": `b` was dropped
    first, and only help said how to go back. In the list, search is kept instead."""
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("j", "j", "j", "j", "enter", "tab")  # a topic, then its Related
        await pilot.pause()
        assert app.browse.reading
        shown = app.screen.query_one(KeyBar).render().plain
        assert shown == " Enter Open  b List  q Quit  ? Help "
        await pilot.press("b")
        await pilot.pause()
        shown = app.screen.query_one(KeyBar).render().plain
        assert " / Search " in shown and " b " not in shown


async def test_the_highlighted_result_stays_in_sight_when_the_terminal_narrows(tmp_path):
    """At 80×24 the tenth result was highlighted; at 40×12 the results showed their top, and
    Enter opened a result that was not on the screen."""
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"leak", *["down"] * 9)
        results = app.screen.result_list
        title = app.screen.results[results.highlighted].title
        await pilot.resize_terminal(*PHONE)
        await pilot.pause()
        await pilot.pause()
        shown = " ".join(" ".join(line.strip(" ┃│").split()) for line in shown_lines(app))
        assert " ".join(title.split()[:3]) in shown


async def test_help_for_search_at_40_columns_has_words_not_letters(tmp_path):
    """The keys "Esc Ctrl+G Ctrl+C Ctrl+Q" took all but three columns of each line, and every
    key's words were cut into pieces: "Can", "cel". Where keys are that wide, their words go
    under them."""
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("slash", "f1")
        await pilot.pause()
        seen: list[str] = []
        for _ in range(6):
            seen += [line.strip(" ┃▁▂▃▄▅▆▇█") for line in shown_lines(app)[1:-1]]
            await pilot.press("pagedown")
            await pilot.pause()
        assert "Cancel" in seen  # under its keys, whole
        assert any(line.split() == ["↑", "Previous", "result"] for line in seen)
        assert not any(line.endswith(("Can", "Bac")) for line in seen)


async def test_a_topic_keeps_the_reader_s_place_when_the_terminal_widens(tmp_path):
    """Six lines down a topic at 40×12, the top line said the sign to call for help; at 80×24
    the text wrapped to fewer lines, the same line number was further on, and that sentence
    was scrolled away above. The same share of the text stays in view."""
    from snapshot_apps import bodies_drawn

    from leakguide.state import TopicScroll

    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, fresh=True,
                   start_topic="sepsis-signs")
    async with app.run_test(size=PHONE) as pilot:
        await bodies_drawn(pilot)
        await pilot.pause()
        view = app.browse.view
        await pilot.press(*"jjjjjj")
        await pilot.pause()
        assert round(view.scroll_y) == 6
        lines_narrow = view.line_count
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert view.line_count < lines_narrow
        assert round(view.scroll_y) == TopicScroll(6, lines_narrow).first_line(view.line_count)
        assert round(view.scroll_y) < 6


async def test_help_takes_a_resize_that_comes_before_it_is_drawn(tmp_path):
    """Found by the soak test: a resize reached help before its body was mounted, and
    looking the body up failed (NoMatches) and ended the app."""
    from textual import events
    from textual.geometry import Size

    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.pause()
        help_screen = HelpScreen(app.screen)
        help_screen.on_resize(events.Resize(Size(30, 10), Size(30, 10)))  # not mounted yet
        app.push_screen(help_screen)
        await pilot.pause()
        assert "Keys" in " ".join(shown_lines(app)[:1])
