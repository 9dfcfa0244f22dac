"""The decision flow and outcome screens, driven with the keyboard through Pilot at 80×24."""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path

import pytest
import snapshot_apps
from conftest import BUNDLED_GUIDE, FIXTURES
from rich.console import Console

from leakguide.content import load_guide
from leakguide.content.flowgraph import enumerate_paths
from leakguide.screens.browse import BrowseScreen
from leakguide.screens.flow import AnswerList, FlowScreen, YourAnswersList
from leakguide.screens.outcome import OutcomeScreen, ReadNextList
from leakguide.screens.restart import RestartScreen
from leakguide.widgets.key_bar import KeyBar
from leakguide.widgets.topic_tree import TOPIC, Entry

SIZE = (80, 24)


def text_of(renderable) -> str:
    """What a widget's content says, as plain text."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def screen_text(app) -> str:
    """All text of the Statics and list options on the current screen (scrolled or not)."""
    from textual.widgets import OptionList, Static

    screen = app.screen
    parts = [text_of(w.content) for w in screen.query(Static) if w.display]
    for option_list in screen.query(OptionList):
        parts += [text_of(o.prompt) for o in option_list.options]
    return "\n".join(parts)


#: The tests' one app factory, on the flow fixture unless told otherwise.
make_app = partial(snapshot_apps.make_app, guide_path=FIXTURES / "flow.toml")


async def choose(pilot, question, answer_id: str) -> None:
    """Answer with its digit, or with the arrows and Enter past the ninth answer."""
    index = [a.id for a in question.answers].index(answer_id)
    if index < 9:
        await pilot.press(str(index + 1))
    else:
        await pilot.press("home", *["down"] * index, "enter")


def covering_paths(paths: list) -> list:
    """Paths, in their order, until every answer of every question and every outcome has been
    walked once. `leakguide ask` walks every path of the bundled guide
    (tests/test_tools_ask.py); the app only needs to show each answer and outcome, and walking
    all of its 100-odd paths through the screens took 3 minutes of every CI run."""
    def parts(path) -> set[tuple[str, str]]:
        return {(s.question, s.answer) for s in path.steps} | {("outcome", path.outcome)}

    left = set().union(*map(parts, paths)) if paths else set()
    chosen = []
    while left:  # greedy set cover: the path that walks the most not yet walked
        best = max(paths, key=lambda path: len(parts(path) & left))
        chosen.append(best)
        left -= parts(best)
    return sorted(chosen, key=paths.index)


def test_covering_paths_walk_every_answer_and_outcome():
    flow = load_guide(BUNDLED_GUIDE).guide.flow
    paths = enumerate_paths(flow)
    chosen = covering_paths(paths)
    assert len(chosen) < len(paths)
    walked = {(s.question, s.answer) for p in chosen for s in p.steps}
    assert walked == {(s.question, s.answer) for p in paths for s in p.steps}
    assert {p.outcome for p in chosen} == set(flow.outcomes)


@pytest.mark.parametrize(
    ("guide_path", "walk"),
    [(BUNDLED_GUIDE, covering_paths), (FIXTURES / "minimal.toml", list),
     (FIXTURES / "flow.toml", list)],
    ids=["bundled", "minimal", "flow-fixture"],
)
async def test_every_path_through_the_flow_ends_at_its_outcome_with_its_reasons(
    tmp_path, guide_path, walk
):
    app = make_app(tmp_path, guide_path=guide_path, fresh=True)
    flow = app.guide.flow
    paths = walk(enumerate_paths(flow))
    assert paths, "the guide's flow has no complete path"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        for number, path in enumerate(paths):
            if number:  # start again for the next path (confirming once)
                await pilot.press("r", "r")
            for step in path.steps:
                question = flow.questions[step.question]
                assert isinstance(app.screen, FlowScreen)
                assert question.text.split("\n")[0] in screen_text(app)
                await pilot.pause()
                # The question itself stays in sight at 80×24, however long the answers.
                assert app.screen.query_one("#flow-question").scroll_y == 0
                await choose(pilot, question, step.answer)
            await pilot.pause()
            assert isinstance(app.screen, OutcomeScreen), path
            shown = screen_text(app)
            outcome = flow.outcomes[path.outcome]
            assert outcome.title in shown
            urgency = app.guide.urgencies[outcome.urgency]
            assert urgency.name in shown and urgency.marker in shown
            assert f"Evidence: {app.guide.labels[outcome.evidence].name}" in shown
            flowing = " ".join(shown.split())  # a long label may wrap in "Why you see this"
            for step in path.steps:
                answer = flow.questions[step.question].answer(step.answer)
                assert answer.label in flowing


async def test_question_shows_why_progress_and_answers(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        shown = screen_text(app)
        assert "Do any of these apply?" in shown
        assert "Why we ask: Some signs need a doctor" in shown
        assert "Question 1 of at most 4" in shown
        assert "1. None of these" in shown and "3. Feeling faint or confused" in shown
        await pilot.press("w")
        assert "Why we ask" not in screen_text(app)
        await pilot.press("w")
        assert "Why we ask" in screen_text(app)


async def test_preview_shows_only_for_highlighted_urgent_answers(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        preview = app.screen.query_one("#flow-preview")
        assert not preview.display  # "None of these" is highlighted
        await pilot.press("down")
        assert preview.display
        assert "[!] This answer means you should get medical help today." in text_of(
            preview.content)
        await pilot.press("j")
        assert "[!!] This answer means you should call for help now." in text_of(preview.content)
        await pilot.press("k", "k")
        assert not preview.display
        assert isinstance(app.screen, FlowScreen)  # highlighting never commits


async def test_enter_chooses_the_highlighted_answer(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "j", "enter")
        assert isinstance(app.screen, OutcomeScreen)
        assert app.flow_state.outcome.id == "see-doctor"


async def test_back_shows_the_previous_question_with_its_answer_highlighted(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "2")  # none -> when: all the time -> sore
        assert app.flow_state.current_question.id == "sore"
        await pilot.press("b")
        assert app.flow_state.current_question.id == "when"
        answers = app.screen.query_one(AnswerList)
        assert answers.highlighted == 1
        assert "(your answer)" in text_of(answers.get_option_at_index(1).prompt)
        await pilot.press("backspace")
        assert app.flow_state.current_question.id == "red-flags"
        assert app.screen.query_one(AnswerList).highlighted == 0
        await pilot.press("b")  # from the first question: back to the guide, answers kept
        assert not isinstance(app.screen, FlowScreen)
        await pilot.press("a")
        assert app.flow_state.current_question.id == "red-flags"
        assert app.flow_state.chosen("when") == "always"


async def test_changing_an_earlier_answer_keeps_or_drops_later_ones(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        # none -> all the time -> not sore -> a few drops: "This is normal"
        await pilot.press("a", "1", "2", "2", "1")
        assert isinstance(app.screen, OutcomeScreen)
        assert app.flow_state.outcome.id == "normal"
        # Change the second answer from "Your answers": y, then choose question 2.
        await pilot.press("y")
        assert isinstance(app.screen, FlowScreen)
        await pilot.pause()
        your_answers = app.screen.query_one(YourAnswersList)
        assert your_answers.has_focus
        await pilot.press("home", "down", "enter")
        assert app.flow_state.current_question.id == "when"
        await pilot.press("1")  # "During feeds": skips "sore", still reaches "how-much"
        assert app.flow_state.chosen("sore") is None
        assert app.flow_state.chosen("how-much") == "drops"
        assert app.flow_state.current_question.id == "how-much"
        assert app.screen.query_one(AnswerList).highlighted == 0  # kept answer highlighted
        await pilot.press("2")
        assert isinstance(app.screen, OutcomeScreen)
        assert app.flow_state.outcome.id == "talk"
        # Now change the first answer to an urgent one: every later answer goes.
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("home", "enter", "2")
        assert app.flow_state.outcome.id == "see-doctor"
        assert list(app.flow_state.answers) == ["red-flags"]
        assert "During feeds" not in screen_text(app)


async def test_your_answers_can_return_to_the_outcome(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "3")
        await pilot.press("b", "b")
        assert app.flow_state.current_question.id == "red-flags"
        await pilot.press("y", "end", "enter")
        assert isinstance(app.screen, OutcomeScreen)
        assert app.flow_state.outcome.id == "normal"


async def test_narrow_screen_shows_your_answers_as_a_view_of_its_own(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("a", "1", "2")
        panel = app.screen.query_one("#your-answers")
        question = app.screen.query_one("#flow-question")
        assert not panel.display and question.display
        await pilot.press("y")
        assert panel.display and not question.display
        await pilot.press("home", "enter")
        assert app.flow_state.current_question.id == "red-flags"
        assert not panel.display and question.display
        await pilot.press("y", "b")  # b leaves the answers view first
        assert question.display and isinstance(app.screen, FlowScreen)


@pytest.mark.parametrize("size", [(40, 12), (120, 40)], ids=["40x12", "120x40"])
async def test_your_answers_from_the_outcome_closes_back_to_the_outcome(tmp_path, size):
    """`y` on the outcome opens "Your answers" (a view of its own at 40×12, the panel in focus
    when wide); Escape, b or y close only it and, nothing changed, the outcome is kept (also
    for `a` after leaving for the guide)."""
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=size) as pilot:
        await pilot.press("a", "1", "3")
        outcome = app.flow_state.outcome.id
        for close in ("escape", "b", "backspace", "y"):
            await pilot.press("y")
            assert isinstance(app.screen, FlowScreen)
            assert app.screen.query_one(YourAnswersList).has_focus
            await pilot.press(close)
            assert isinstance(app.screen, OutcomeScreen), close
            assert app.flow_state.at_outcome and app.flow_state.outcome.id == outcome
        await pilot.press("escape")  # from the outcome itself: to the guide
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("a")
        assert isinstance(app.screen, OutcomeScreen)


async def test_in_the_your_answers_view_a_number_picks_a_question_not_an_answer(tmp_path):
    """At 40×12 "Your answers" takes the question's place: its entries are numbered by
    question, and the question's answers are out of sight, so a number goes to that entry
    and answers nothing; "why we ask" (about the hidden question) is not offered there."""
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("a", "1", "3")  # an outcome after two questions
        answers_before = app.flow_state.answers
        await pilot.press("y")
        screen = app.screen
        your_answers = screen.query_one(YourAnswersList)
        assert isinstance(screen, FlowScreen) and screen.has_class("-answers-view")
        await pilot.press("1")
        await pilot.pause()
        assert app.screen is screen and your_answers.has_focus
        assert your_answers.highlighted == 0
        assert app.flow_state.answers == answers_before
        await pilot.press("9")  # no question 9: a notice, nothing else
        await pilot.pause()
        assert your_answers.highlighted == 0 and app.flow_state.answers == answers_before
        assert any("no question 9" in n.message for n in app._notifications)
        offered = screen.query_one(KeyBar).keys()
        assert "w" not in [key.display for key in offered]
        await pilot.press("w")
        await pilot.pause()
        assert your_answers.has_focus and not screen.has_class("-why-open")
        await pilot.press("enter")  # question 1, to change it
        assert app.flow_state.position == 0 and not screen.has_class("-answers-view")
        await pilot.press("2")  # now a number answers the question in sight
        assert app.flow_state.answers != answers_before


async def test_escape_in_your_answers_on_a_question_closes_only_them(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("a", "1")
        question = app.flow_state.current_question.id
        await pilot.press("y", "escape")
        screen = app.screen
        assert isinstance(screen, FlowScreen) and not screen.has_class("-answers-view")
        assert screen.query_one(AnswerList).has_focus
        assert app.flow_state.current_question.id == question
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_restart_asks_once(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "1")
        await pilot.press("r")
        assert isinstance(app.screen, RestartScreen)
        await pilot.press("n")
        assert app.flow_state.chosen("when") == "feeds"
        await pilot.press("r", "b")
        assert app.flow_state.chosen("when") == "feeds"
        await pilot.press("r", "y")
        assert not app.flow_state.answers
        assert app.flow_state.current_question.id == "red-flags"
        await pilot.press("2", "r", "r")  # from the outcome too
        assert isinstance(app.screen, FlowScreen) and not app.flow_state.answers


async def test_digit_without_an_answer_changes_nothing(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "9")
        assert isinstance(app.screen, FlowScreen) and not app.flow_state.answers


async def test_outcome_lists_what_to_read_next_and_sources(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "3")
        shown = screen_text(app)
        assert "[ok] Self-care" in shown and "This is normal" in shown
        assert shown.index("Get help if") < shown.index("What to do")
        assert "Why you see this" in shown
        assert "https://www.nhs.uk/conditions/mastitis/" in shown
        assert "Guide last reviewed 2026-11-01" in shown
        read_next = app.screen.query_one(ReadNextList)
        assert [o.id for o in read_next.options] == ["pads", "let-down"]
        assert app.screen.query_one("#outcome-text").has_focus  # the outcome is read first
        await pilot.press("tab")  # then Tab reaches what to read next
        assert read_next.has_focus and read_next.highlighted == 0


async def test_outcome_shows_its_evidence_label_under_its_title_as_a_topic_does(tmp_path):
    text = (FIXTURES / "flow.toml").read_text(encoding="utf-8").replace(
        'urgency = "self-care"\nevidence = "clinical"', 'urgency = "self-care"\nevidence = "tcm"'
    )
    guide_path = tmp_path / "tcm.toml"
    guide_path.write_text(text, encoding="utf-8")
    app = make_app(tmp_path, guide_path=guide_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "3")  # -> "This is normal", now labelled TCM
        assert isinstance(app.screen, OutcomeScreen)
        head = [text_of(w.content).strip()
                for w in app.screen.query("#outcome-head Static") if w.display]
        assert head == [
            "[ok] Self-care — You can look after this at home.",
            "This is normal",
            "Evidence: Traditional Chinese medicine view",
        ]
        # A topic's page words its label the same way.
        await pilot.press("escape")
        app.browse.open_topic("pads")
        await pilot.pause()
        assert "Evidence: Clinical guidance" in " ".join(app.browse.view.text_lines)


async def test_open_a_recommended_topic_and_come_back_with_answers_intact(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "3")
        answers_before = dict(app.flow_state.answers)
        await pilot.press("tab", "j", "enter")  # the second to read next: "The let-down reflex"
        assert isinstance(app.screen, BrowseScreen)
        assert app.browse.topic_tree.current == Entry(TOPIC, "let-down")
        await pilot.press("b")
        assert isinstance(app.screen, OutcomeScreen)
        assert dict(app.flow_state.answers) == answers_before
        shown = screen_text(app)
        assert "This is normal" in shown and "When does it leak? → Only at night" in shown


async def test_back_from_a_topic_followed_further_walks_history_then_returns(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "3", "tab", "enter")  # open "Breast pads"
        assert app.browse.topic_tree.current == Entry(TOPIC, "pads")
        app.browse.open_topic("let-down")  # as following its Related link does
        await pilot.press("b")
        assert isinstance(app.screen, BrowseScreen)
        assert app.browse.topic_tree.current == Entry(TOPIC, "pads")
        await pilot.press("b")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("escape")  # back to the guide: now b is the guide's own back
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("b")
        assert isinstance(app.screen, BrowseScreen)


async def test_save_writes_a_summary_once_and_never_overwrites(tmp_path):
    """A second `s` says where the summary already is; once that file no longer holds it
    (the reader wrote in it), `s` saves a new one beside it and leaves theirs alone."""
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "2")
        await pilot.press("s")
        first = app.screen.saved_path
        assert f"Saved: {first}" in screen_text(app)
        await pilot.press("s")
        assert app.screen.saved_path == first
        assert f"Already saved: {first}" in screen_text(app)
        assert len(list((tmp_path / "saved").iterdir())) == 1
        summary = Path(first).read_text(encoding="utf-8")
        Path(first).write_text(summary + "\nMy notes.\n", encoding="utf-8")
        await pilot.press("s")
        second = app.screen.saved_path
        assert f"Saved: {second}" in screen_text(app)
    saved = sorted((tmp_path / "saved").iterdir())
    assert [str(p) for p in saved] == sorted([first, second]) and first != second
    assert Path(first).read_text(encoding="utf-8").endswith("My notes.\n")
    text = Path(second).read_text(encoding="utf-8")
    assert "# Get medical help today" in text
    assert "**Evidence:** Clinical guidance\n" in text
    assert "Do any of these apply?" in text and "A hot, red, painful area and fever" in text
    assert "https://www.nhs.uk/conditions/mastitis/" in text
    assert "You feel very unwell." in text


async def test_a_browser_download_is_said_once_on_the_screen(tmp_path):
    app = make_app(tmp_path, fresh=True, browser=True)
    delivered: list[tuple[bytes, str]] = []
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.deliver_binary = lambda data, *, save_filename, **kw: delivered.append(
            (data.read(), save_filename))
        app.notify = lambda message, **kw: notes.append(message)
        await pilot.press("a", "2", "s")
        await pilot.pause()
        assert len(delivered) == 1, delivered
        data, name = delivered[0]
        assert data.decode("utf-8").startswith("# Get medical help today")
        assert f"Downloading: {name}" in screen_text(app)
        assert notes == [], notes
    assert not (tmp_path / "saved").exists()


async def test_hosted_mode_neither_saves_nor_resumes(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAKGUIDE_STATE_DIR", str(tmp_path / "env-state"))
    app = snapshot_apps.make_app(guide_path=FIXTURES / "flow.toml", hosted=True)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kw: notes.append(message)
        await pilot.press("a", "2")
        await pilot.pause()
        offered = app.screen.query_one(KeyBar).keys()
        ids = [key.id for key in offered]
        assert "outcome.back" in ids and "outcome.save" not in ids, ids
        await pilot.press("question_mark")
        await pilot.pause()
        helped = [line.description for _title, lines in app.screen.sections for line in lines]
        assert "Last question" in helped and "Save summary" not in helped, helped
        await pilot.press("escape", "s")  # not offered, but pressed anyway it says why
        await pilot.pause()
    assert app.state_dir is None
    assert any("Saving is off" in n for n in notes)
    assert not (tmp_path / "env-state").exists()


async def test_answers_option_starts_the_flow_with_those_answers(tmp_path):
    app = make_app(tmp_path, fresh=True, answers=("1", "feeds"))
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, FlowScreen)
        assert app.flow_state.current_question.id == "how-much"
    app = make_app(tmp_path, fresh=True, answers=("1", "1", "2"))
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, OutcomeScreen)
        assert app.flow_state.outcome.id == "talk"


async def test_the_tree_entry_starts_the_flow_and_resumes_it(tmp_path):
    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.browse.topic_tree.current.kind == "flow"  # the flow's entry is first
        await pilot.press("enter")
        assert isinstance(app.screen, FlowScreen)
        await pilot.press("1", "escape")
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("enter")
        assert app.flow_state.current_question.id == "when"


async def test_help_lists_the_flow_keys_from_the_bindings(tmp_path):
    from leakguide.screens.help import HelpScreen

    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.plain_text
        for binding in FlowScreen.BINDINGS:
            if binding.action.startswith("choose("):
                continue  # the nine number keys are listed once, as a range
            assert binding.description in text
        assert "1-9 Choose answer by number" in text
        assert "Choose answer 2" not in text
        flat = " ".join(text.split())
        assert "b goes to the previous question (from the first, to the guide)" in flat
        assert "nothing is chosen out of sight" in flat  # where a number only highlights
        await pilot.press("enter")
        assert isinstance(app.screen, FlowScreen)
        await pilot.press("1", "1", "1", "question_mark")
        text = app.screen.plain_text
        assert "Save summary" in text and "Change answers" in text



async def test_keys_typed_ahead_on_the_outcome_never_act_on_a_replaced_screen(tmp_path):
    """Enter (open a topic) and b (last question) in one burst: the outcome is replaced by the
    question before Enter's choice arrives; that late choice must not close the new screen."""
    from monkey import type_ahead

    app = make_app(tmp_path, fresh=True, answers=("1", "1", "2"))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("tab")  # to what to read next (the text has focus first)
        assert app.screen.query_one(ReadNextList).has_focus
        type_ahead(app, "enter", "right", "b")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, (FlowScreen, OutcomeScreen, BrowseScreen))
        assert app.screen_stack[-1] is app.screen and app.screen.is_mounted
        assert len(app.screen_stack) <= 2
        if isinstance(app.screen, FlowScreen):  # b reached the outcome before Enter's choice
            assert app.screen.query_one(AnswerList).option_count > 0


async def test_a_highlight_typed_ahead_never_reaches_the_next_question(tmp_path):
    """End (highlight the third answer) then 2 in one burst: the next question has only two
    answers, and the late highlight of the third must not break it."""
    from monkey import type_ahead

    app = make_app(tmp_path, fresh=True, answers=("1",))
    async with app.run_test(size=SIZE) as pilot:
        assert app.flow_state.current_question.id == "when"
        type_ahead(app, "end", "2")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.flow_state.current_question.id == "sore"
        answers = app.screen.query_one(AnswerList)
        assert answers.option_count == 2 and answers.highlighted in (0, 1)


@pytest.mark.parametrize("answers", [(), ("1", "1", "2")], ids=["question", "outcome"])
@pytest.mark.parametrize("keys", [("enter", "b"), ("a", "b"), ("enter", "escape")])
async def test_leaving_the_flow_before_it_is_shown(tmp_path, answers, keys):
    """Enter on the flow's entry (or `a`) then `b` or Escape in one burst: whichever acts
    first (`b` can close the question or outcome before it was drawn), no crash."""
    from monkey import type_ahead

    app = make_app(tmp_path, fresh=True)
    app._flow_state = app.flow_state.with_answer_tokens(answers)[0]
    async with app.run_test(size=SIZE) as pilot:
        type_ahead(app, *keys)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, (BrowseScreen, FlowScreen, OutcomeScreen))
        assert app.screen.is_mounted and len(app.screen_stack) <= 2


@pytest.mark.parametrize("after", ["pagedown", "space", "pageup", "s", "y", "tab"])
async def test_keys_typed_right_after_the_last_answer_wait_for_the_outcome(tmp_path, after):
    """The last answer then another key in one burst: the key must not reach the outcome
    before it has been drawn (it has no text to scroll yet); it acts on it once it is."""
    from monkey import type_ahead

    app = make_app(tmp_path, fresh=True, answers=("1", "1"))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, FlowScreen)
        type_ahead(app, "2", after)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        if after == "y":  # change answers: back to the questions
            assert isinstance(app.screen, FlowScreen) and app.screen.is_mounted
            return
        assert isinstance(app.screen, OutcomeScreen) and app.screen.is_mounted
        if after == "s":
            assert app.screen.saved_path is not None


async def test_a_screen_not_yet_drawn_ignores_its_keys(tmp_path):
    """A key typed for the screen underneath can reach the bindings of a screen pushed an
    instant before (Textual checks bindings as the key bubbles up): its actions must wait until
    the screen is drawn, not act on parts it does not have yet."""
    app = make_app(tmp_path, fresh=True, answers=("1", "1", "2"))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OutcomeScreen)
        app.push_screen(OutcomeScreen())
        fresh = app.screen
        assert not fresh.is_mounted
        for action in ("scroll_text(1)", "scroll_text(-1)", "save", "change_answers"):
            assert await app.run_action(action, fresh) is False
        await pilot.pause()
        assert fresh.is_mounted
        assert await app.run_action("scroll_text(1)", fresh) is True


@pytest.mark.parametrize("answers", [(), ("1", "1", "2")], ids=["question", "outcome"])
async def test_a_flow_screen_put_up_as_the_app_ends_lets_it_end(tmp_path, answers):
    """`a` then ctrl+q (or a signal) in one tick: the screen is mounted after the app removed
    its parts. It must not fail (`run_test` raises what the app raised; the real app would
    then exit 1, not with the signal's status)."""
    app = make_app(tmp_path, fresh=True)
    app._flow_state = app.flow_state.with_answer_tokens(answers)[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_ask()
        app.exit(143)
    assert not app._exit_renderables


@pytest.mark.parametrize("answers", [(), ("1", "1", "2")], ids=["question", "outcome"])
async def test_keys_for_a_flow_screen_whose_parts_are_gone_do_nothing(tmp_path, answers):
    """A key reaching a question or outcome after its parts were removed (as the app
    closes) changes nothing and raises nothing."""
    app = make_app(tmp_path, fresh=True)
    app._flow_state = app.flow_state.with_answer_tokens(answers)[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        screen = app.screen
        assert isinstance(screen, (FlowScreen, OutcomeScreen))
        await screen.remove_children()
        if isinstance(screen, FlowScreen):
            screen.show_question()
            screen.action_your_answers()
            screen.action_toggle_why()
        else:
            screen.action_scroll_text(1)
            screen.reload_guide()
            screen.action_save()
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_help_page_keys_after_its_parts_are_gone_do_nothing(tmp_path):
    from leakguide.screens.help import HelpScreen

    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        await screen.remove_children()
        screen.action_page_down()
        screen.action_page_up()
        screen.action_scroll_down()
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_keys_still_arriving_as_the_app_closes_are_dropped(tmp_path):
    """Keys still on their way while the app closes its screens (the end of a test run, a
    signal in the middle of a burst) are dropped: Textual would look for a screen to deliver
    them to and fail."""
    from monkey import type_ahead

    app = make_app(tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_ahead(app, *["j", "down", "tab", "question_mark", "escape"] * 6)
    assert not app._exit_renderables


async def test_help_on_the_outcome_lists_the_keys_that_scroll_its_text():
    """The hint said "↑ ↓ or PgUp/PgDn scroll the text", and the keys listed only PgUp and
    PgDn: the text's own keys were in no section."""
    from leakguide.screens.help import HelpScreen

    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "1", "3", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        text_keys = {line.description: line.keys for line in sections["What to do, and why"]}
        assert text_keys["Scroll up"] == ("↑", "k") and text_keys["Scroll down"] == ("↓", "j")
        assert "Scroll Left" not in text_keys  # a vertical text's inherited keys are not listed
