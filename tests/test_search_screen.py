"""The `/` search screen: a typo, nothing found ("Did you mean"), and `b` back to the results."""

from __future__ import annotations

from snapshot_apps import make_app, pane_follows
from textual.widgets import Input, Static

from leakguide.screens.browse import BrowseScreen
from leakguide.screens.search import HELD_KEY_GAP, SearchScreen
from leakguide.widgets.key_bar import KeyBar
from leakguide.widgets.topic_view import TopicView

SIZE = (80, 24)


def _status(app) -> str:
    return str(app.screen.query_one("#search-status", Static).render())


async def test_a_typo_still_finds_the_topic_and_enter_opens_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"hormnoe")  # "hormone", two letters swapped
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.results[0].topic_id == "let-down"
        assert "found" in _status(app)
        await pilot.press("enter")
        assert isinstance(app.screen, BrowseScreen)
        assert app.browse.query_one(TopicView).key == ("topic", "let-down")


async def test_nothing_found_offers_did_you_mean_and_enter_takes_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"hoormonnne")
        screen = app.screen
        assert screen.results == []
        assert "Did you mean hormone?" in _status(app)
        await pilot.press("enter")  # takes the suggestion: the search is for it now
        assert app.screen is screen
        assert screen.query_one(Input).value == "hormone"
        assert screen.results[0].topic_id == "let-down"
        await pilot.press("enter")
        assert isinstance(app.screen, BrowseScreen)
        assert app.browse.query_one(TopicView).key == ("topic", "let-down")


async def test_nothing_near_says_so_and_enter_stays():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zqxj")
        assert app.screen.results == []
        assert "No topic matches" in _status(app) and "Did you mean" not in _status(app)
        await pilot.press("enter")
        assert isinstance(app.screen, SearchScreen)


async def test_slash_and_a_word_typed_before_the_field_exists_search_for_the_word():
    """`/` then `dripping` and Enter in one burst, the keys reaching the app before the search
    screen is drawn (a slow start or a loaded machine): the screen keeps them and plays them
    in order once its field exists, and Enter opens what the word finds."""
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = SearchScreen(app.search_index)
        app.push_screen(screen)
        assert not screen.is_mounted
        for key in [*"dripping", "enter"]:
            await app.on_event(events.Key(key, key if len(key) == 1 else None))
        assert not screen.is_mounted  # each key came first: kept for when it is drawn
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)  # Enter opened a result
        assert [r.topic_id for r in screen.results][:1] == ["let-down"]  # found for "dripping"


def _title(app) -> str:
    return str(app.screen.query_one("#search-dialog").border_title)


async def test_at_40_columns_the_title_shows_the_way_back_in_full():
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash")
        assert _title(app) == "Search — Esc or Ctrl+G: back"
        assert len(_title(app)) + 4 <= 40  # not cut: the border leaves the rest
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert _title(app) == "Search — Enter opens, Esc or Ctrl+G cancels"


async def test_backspace_on_an_empty_field_goes_back_and_otherwise_deletes():
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash", *"ab", "backspace")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "a"
        await pilot.press("backspace")
        assert isinstance(app.screen, SearchScreen)  # emptied the field: still searching
        await pilot.pause(HELD_KEY_GAP)  # a new press, not the same key held
        await pilot.press("backspace")
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("slash", "tab", "backspace")  # from the results too
        assert isinstance(app.screen, BrowseScreen)


async def test_backspace_held_to_clear_the_words_stops_at_the_empty_field():
    """Held down, Backspace clears the words and its repeats used to leave search and then
    take the reader back a topic on the screen below."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("j", "j", "enter")
        topic = app.session.topic
        assert topic is not None
        await pilot.press("slash", *"pad", *["backspace"] * 8)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == ""
        await pilot.pause(HELD_KEY_GAP)
        await pilot.press("backspace")
        assert isinstance(app.screen, BrowseScreen)
        assert app.session.topic == topic


async def test_help_in_search_lists_ctrl_c_as_cancel_not_as_quit():
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash", "f1")
        sections = dict(app.screen.sections)
        cancel = next(line for line in sections["Search"] if line.description == "Cancel")
        assert {"Esc", "Ctrl+G", "Ctrl+C", "Ctrl+Q"} <= set(cancel.keys)
        everywhere = [key for line in sections["Everywhere"] for key in line.keys]
        assert "F1" in everywhere  # still works while typing
        assert not {"q", "Ctrl+C", "Ctrl+Q", "a"} & set(everywhere)  # these type or cancel


def _bar(app) -> str:
    return app.screen.query_one(KeyBar).render().plain


async def test_b_on_a_topic_opened_from_search_shows_its_results_again():
    """Search results were gone once a topic was opened: `b` went to the topic before. Now
    `b` shows them again, the topic highlighted, and another can be opened."""
    app = make_app(fresh=True, start_topic="triggers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"breast pads", "enter")
        await pilot.pause()
        assert app.session.topic == "pads"
        assert " b Back to the results " in _bar(app)
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one(Input).value == "breast pads"
        assert [r.topic_id for r in screen.results] == ["pads", "let-down"]
        assert screen.focused is screen.result_list
        assert screen.result_list.highlighted == 0
        await pilot.press("down", "enter")  # the other result
        await pilot.pause()
        assert app.session.topic == "let-down"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.result_list.highlighted == 1
        await pilot.press("escape")  # done with the results: the topic, and `b` goes back
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.session.topic == "let-down"
        assert " b Back " in _bar(app) and "results" not in _bar(app)
        await pilot.press("b")
        assert app.session.topic == "pads"


async def test_b_twice_goes_back_past_the_results_and_never_types_b():
    """`b` on the results goes back past them, to the topic the search began on. `b b` in
    one burst (a slow link) never types the second `b` into the search field."""
    from textual import events

    app = make_app(fresh=True, start_topic="triggers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"breast pads", "enter")
        await pilot.pause()
        for _ in range(2):
            await app.on_event(events.Key("b", "b"))
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, SearchScreen):  # the second `b` came before it was drawn
            assert screen.query_one(Input).value == "breast pads"
            await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.session.topic == "triggers"
        assert " b Back to the results " not in _bar(app)


async def test_a_cursor_moved_away_from_the_topic_makes_b_the_usual_back():
    app = make_app(fresh=True, start_topic="triggers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"breast pads", "enter")
        await pilot.pause()
        assert " b Back to the results " in _bar(app)
        await pilot.press("h", "k")  # to the list, and up to the section above the topic
        await pane_follows(pilot)
        assert " b Back to the results " not in _bar(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.session.topic == "triggers"


async def test_on_a_phone_b_shows_the_results_then_the_list():
    app = make_app(fresh=True)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash", *"breast pads", "enter")
        await pilot.pause()
        assert app.browse.reading
        assert " b Results " in _bar(app)  # one word: the way back still fits
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.browse.reading
        assert " b List " in _bar(app)
        await pilot.press("b")
        await pilot.pause()
        assert not app.browse.reading
        assert app.focused is app.browse.topic_tree


async def test_at_40_columns_the_status_says_what_enter_does_in_full():
    """The status line was cut to "…choose, Enter" at 40 columns."""
    from leakguide.render.cells import cells

    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash", *"pads")
        status = _status(app)
        assert status.endswith(" — Enter opens") and "choose" not in status
        assert cells(status) <= 40 - 4
        await pilot.press(*["backspace"] * 4, *"zqxj")  # nothing, nor anything near
        assert _status(app) == "No topic matches. Try other words."
        await pilot.press(*["backspace"] * 4, *"hoormonnne")  # nothing: a suggestion
        assert _status(app) == "Did you mean hormone? Enter takes it"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert _status(app).startswith("No topic matches. Did you mean hormone? ↑ ↓ choose")
        await pilot.press(*["backspace"] * 10, *"pads")
        assert _status(app).endswith(" — ↑ ↓ choose, Enter opens")


async def test_b_on_the_results_goes_back_to_where_the_search_began():
    """After two results were opened, `b` on the results went to the first of them, a topic
    the reader had already left, not back to where they had searched from."""
    app = make_app(fresh=True, start_topic="triggers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"breast pads", "enter")  # "pads"
        await pilot.pause()
        await pilot.press("b", "down", "enter")  # the results again, then "let-down"
        await pilot.pause()
        assert app.session.topic == "let-down"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.session.topic == "triggers"
        await pilot.press("f")  # the results' topics are still ahead in the history
        assert app.session.topic == "pads"


async def test_b_on_the_results_of_a_search_begun_in_the_list_goes_to_the_list():
    app = make_app(fresh=True)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash", *"breast pads", "enter", "b")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert not app.browse.reading and app.focused is app.browse.topic_tree
