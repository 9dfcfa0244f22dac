"""The key bar at the bottom of each screen: what it lists, when it changes, clicking a key."""

from __future__ import annotations

from snapshot_apps import make_app
from textual.widgets import Footer

from leakguide.app import LeakGuideApp
from leakguide.screens.help import HelpScreen
from leakguide.widgets.key_bar import KeyBar
from leakguide.widgets.topic_view import TopicView

SIZE = (80, 24)


def _shown(app: LeakGuideApp) -> str:
    bar = app.screen.query_one(KeyBar)
    return bar.render().plain


async def _bar_after(pilot, *keys: str) -> str:
    """The key bar's words once `keys` are pressed and the screen has caught up."""
    await pilot.press(*keys)
    await pilot.pause()
    return _shown(pilot.app)


#: What Textual's Footer showed on the browse screen with the tree focused (tmux, 80×24), and
#: the theme key added since.
FOOTER_ON_THE_TREE = [("Enter", "Open"), ("/", "Search"), ("b", "Back"), ("f", "Forward"),
                      ("q", "Quit"), ("?", "Help"), ("a", "Ask"), ("t", "Theme")]


async def test_the_bar_lists_the_keys_of_the_focused_widget_first():
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _shown(app).startswith(" Enter Open  / Search  b Back  f Forward  q Quit  ? Help")
        keys = app.screen.query_one(KeyBar).keys()
        assert [(k.display, k.description) for k in keys] == FOOTER_ON_THE_TREE
        # Nowhere to go back or forward to yet: `b` and `f` are dimmed.
        assert [k.display for k in keys if not k.enabled] == ["b", "f"]


async def test_b_and_f_are_dimmed_while_they_go_nowhere():
    """On the first topic read, the bar offered "b Back", which only said "Nothing to go
    back to"."""
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        def dimmed() -> list[str]:
            shown = app.screen.query_one(KeyBar).keys()
            return [k.display for k in shown if not k.enabled]

        await _bar_after(pilot, "j", "j", "enter")  # a first topic
        assert dimmed() == ["b", "f"]
        app.browse.open_topic("pads")  # a second
        await _bar_after(pilot)
        assert dimmed() == ["f"]
        await _bar_after(pilot, "b")
        assert dimmed() == ["b"]
        topic = app.session.topic
        await _bar_after(pilot, "b")  # dimmed: does nothing
        assert app.session.topic == topic


async def test_the_bar_follows_the_focus():
    app = make_app(fresh=True, start_topic="let-down")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, TopicView)
        on_the_text = _shown(app)
        await pilot.press("h")  # back to the topic list
        await pilot.pause()
        assert _shown(app) != on_the_text
        assert _shown(app).startswith(" Enter Open ")


async def test_each_screen_has_one_bar_and_no_footer():
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("a", "b"):
            assert len(app.screen.query(KeyBar)) == 1
            assert not app.screen.query(Footer)
            await pilot.press(key)
            await pilot.pause()


async def test_clicking_a_key_presses_it():
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = _shown(app).index(" ? Help") + 1
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_b_says_where_it_goes_on_the_flow_questions():
    """On the first question `b` goes back to the guide, and the bar says so; from the
    second on, it goes to the previous question."""
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        bar = await _bar_after(pilot, "a")
        assert "b Back to the guide" in bar
        bar = await _bar_after(pilot, "2")  # "not now": the second question
        assert app.flow_state.position == 1
        assert "b Previous question" in bar
        bar = await _bar_after(pilot, "b")
        assert app.flow_state.position == 0
        assert "b Back to the guide" in bar
        bar = await _bar_after(pilot, "b")
        assert " a Ask" in bar  # the guide's bar


async def test_b_says_it_closes_your_answers():
    """With "Your answers" open, `b` closes it: back to the question, or to the outcome it
    was opened from; the bar says which, and says the question's words again after."""
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "2")  # "not now": the second question
        await pilot.pause()
        bar = await _bar_after(pilot, "y")
        assert "b Back to the question" in bar
        bar = await _bar_after(pilot, "b")
        assert app.flow_state.position == 1
        assert "b Previous question" in bar
        bar = await _bar_after(pilot, "b", "y")  # the first question, then "Your answers"
        assert "b Back to the question" in bar
        bar = await _bar_after(pilot, "b")
        assert app.flow_state.position == 0
        assert "b Back to the guide" in bar
        await pilot.press("1", "3")  # an outcome
        await pilot.pause()
        assert app.flow_state.at_outcome
        bar = await _bar_after(pilot, "y")
        assert "b Back to the outcome" in bar
        await pilot.press("b")
        await pilot.pause()
        assert app.flow_state.at_outcome


async def test_with_why_we_ask_open_on_a_phone_the_bar_says_how_to_close_it():
    """On a phone "why we ask" takes the answers' place, and `w` (or Escape) brings them
    back; the bar listed only `b`, which leaves the question."""
    app = make_app(fresh=True)
    async with app.run_test(size=(40, 12)) as pilot:
        bar = await _bar_after(pilot, "a", "w")
        assert app.screen.has_class("-why-open")
        assert bar.startswith(" w Back to the answers ")
        bar = await _bar_after(pilot, "w")
        assert not app.screen.has_class("-why-open")
        assert "Back to the answers" not in bar


async def test_enter_says_it_folds_or_unfolds_a_section():
    """Enter on a section folds it (or unfolds it); the bar said "Open", and a reader who
    pressed it to open "Warning signs" saw its topics vanish."""
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _shown(app).startswith(" Enter Open ")  # the flow entry
        bar = await _bar_after(pilot, "j")  # a section, unfolded
        assert bar.startswith(" Enter Hide ")
        bar = await _bar_after(pilot, "enter")
        assert bar.startswith(" Enter Show ")
        bar = await _bar_after(pilot, "l")  # unfolded another way: the words follow
        assert bar.startswith(" Enter Hide ")
        bar = await _bar_after(pilot, "j")  # a topic
        assert bar.startswith(" Enter Open ")


async def test_on_a_topic_the_outcome_opened_b_says_it_goes_back_to_the_outcome():
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        bar = await _bar_after(pilot, "a", "2", "2", "2", "1", "tab", "enter")  # "Breast pads"
        assert app.session.topic == "pads"
        assert " b Back to the outcome " in bar
        await pilot.resize_terminal(40, 12)
        bar = await _bar_after(pilot)
        assert app.browse.reading  # narrowed while reading: the topic stays on screen
        assert " b Outcome " in bar
        await pilot.resize_terminal(80, 24)
        app.browse.open_topic("let-down")  # as following a link does: `b` is the topic before
        bar = await _bar_after(pilot)
        assert " b Back " in bar and "outcome" not in bar


async def test_on_a_phone_the_outcome_s_bar_keeps_the_way_back_beside_saving():
    """At 40 columns the outcome's bar was "s Save summary  q Quit  ? Help": `b` (the last
    question) was dropped, and the outcome looked like a dead end."""
    app = make_app(fresh=True)
    async with app.run_test(size=(40, 12)) as pilot:
        bar = await _bar_after(pilot, "a", "2", "2", "2", "1")
        assert bar == " s Save  b Back  q Quit  ? Help "
        # At 80 columns the full words would drop two keys; in one word every key fits.
        await pilot.resize_terminal(80, 24)
        bar = await _bar_after(pilot)
        assert bar.startswith(" s Save  b Back  y Change answers  r Restart  q Quit  ? Help ")
        await pilot.resize_terminal(120, 24)
        bar = await _bar_after(pilot)
        assert bar.startswith(" s Save summary  b Last question  y Change answers ")
