"""The browse screen driven by the keyboard (and a mouse click), as a reader would."""

from __future__ import annotations

import json

import pytest
from snapshot_apps import make_app, minimal_guide, pane_follows
from test_browse_render import EXAMPLES
from textual.widgets import Input

from leakguide.app import LeakGuideApp
from leakguide.options import AppOptions
from leakguide.screens.browse import BrowseScreen
from leakguide.screens.help import HelpScreen
from leakguide.screens.search import SearchScreen
from leakguide.screens.too_small import TooSmallScreen
from leakguide.widgets.related_list import RelatedList
from leakguide.widgets.topic_tree import FLOW, SECTION, TOPIC, Entry, TopicTree
from leakguide.widgets.topic_view import TopicView

SIZE = (80, 24)


def _parts(app: LeakGuideApp) -> tuple[BrowseScreen, TopicTree, TopicView]:
    screen = app.browse
    return screen, screen.query_one(TopicTree), screen.query_one(TopicView)


async def test_starts_on_the_flow_entry_with_the_tree_focused():
    app = make_app()
    async with app.run_test(size=SIZE):
        _, tree, view = _parts(app)
        assert tree.has_focus
        assert tree.current == Entry(FLOW, "")
        assert tree.cursor_node.label.plain == app.guide.flow.title
        assert view.key == ("flow", "")


async def test_tree_moves_with_arrows_and_jk_and_the_pane_follows():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, tree, view = _parts(app)
        await pilot.press("j")
        assert tree.current == Entry(SECTION, "why")
        await pilot.press("down")
        await pane_follows(pilot)
        assert tree.current == Entry(TOPIC, "let-down")
        assert view.key == ("topic", "let-down")
        assert "The let-down reflex" in view.text_lines
        await pilot.press("k")
        await pilot.press("up")
        assert tree.current == Entry(FLOW, "")


async def test_key_repeat_moves_the_cursor_at_once_and_the_pane_when_keys_pause():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, tree, view = _parts(app)
        for _ in range(3):
            await pilot.press("j")
        assert tree.current == Entry(SECTION, "help")
        await pane_follows(pilot)
        assert view.key == ("section", "help")


async def test_a_burst_of_keys_moves_the_cursor_at_once_and_the_pane_once_they_stop(
        monkeypatch):
    """While keys keep coming (the screen's clock says the last one was just now) the pane
    stays as it was however long the timers run; once they stop it shows the final cursor's
    entry. The clock is the screen's own, so no timing of this machine decides the result."""
    from leakguide.screens import browse

    clock = [1000.0]
    monkeypatch.setattr(browse, "monotonic", lambda: clock[0])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, tree, view = _parts(app)
        clock[0] += 1  # a first key after a pause: the pane follows at once
        await pilot.press("j")
        assert view.key == ("section", "why")
        for _ in range(2):  # then a held key: the cursor moves, the pane waits
            clock[0] += 0.03
            await pilot.press("j")
        assert tree.current == Entry(SECTION, "help")
        await pilot.pause(0.3)  # the keys' clock has not moved: they have not stopped
        assert view.key == ("section", "why")
        clock[0] += 1  # the keys stopped
        await pilot.pause(0.3)
        assert view.key == ("section", "help")
        assert tree.current == Entry(SECTION, "help")


async def test_a_cursor_that_runs_off_the_tree_brings_it_half_a_page_along():
    """Held down the bundled guide's long tree, the cursor that leaves the view brings it
    half a view along (one scroll per half a view, not a whole-tree rewrite per line), and
    stays in view."""
    from conftest import BUNDLED_GUIDE

    app = make_app(guide_path=BUNDLED_GUIDE, fresh=True)
    async with app.run_test(size=(80, 16)) as pilot:
        _, tree, _ = _parts(app)
        tops = []
        for _ in range(18):
            await pilot.press("j")
            await pilot.pause()
            top, height = tree.scroll_offset.y, tree.scrollable_content_region.height
            assert top <= tree.cursor_line < top + height
            if top not in tops:
                tops.append(top)
        # Scrolled, but by half a view (about 5 lines) at a time: a line at a time scrolls
        # about 8 times in 18 moves.
        assert 2 <= len(tops) <= 4, tops


async def test_expand_collapse_and_parent_with_l_and_h():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, tree, _ = _parts(app)
        await pilot.press("j", "j")
        node = tree.cursor_node
        assert tree.current == Entry(TOPIC, "let-down") and not node.is_expanded
        await pilot.press("l")
        assert node.is_expanded
        await pilot.press("right")
        assert tree.current == Entry(TOPIC, "triggers")
        await pilot.press("h")
        assert tree.current == Entry(TOPIC, "let-down")
        await pilot.press("left")
        assert not node.is_expanded and tree.current == Entry(TOPIC, "let-down")
        await pilot.press("h")
        assert tree.current == Entry(SECTION, "why")
        await pilot.press("h")
        assert not tree.cursor_node.is_expanded
        await pilot.press("l")
        assert tree.cursor_node.is_expanded


async def test_first_and_last_with_g_G_home_end():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, tree, _ = _parts(app)
        await pilot.press("G")
        assert tree.current == Entry(TOPIC, "pads")
        await pilot.press("g")
        assert tree.current == Entry(FLOW, "")
        await pilot.press("end")
        assert tree.current == Entry(TOPIC, "pads")
        await pilot.press("home")
        assert tree.current == Entry(FLOW, "")


async def test_enter_opens_a_topic_and_moves_to_its_text():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, tree, view = _parts(app)
        await pilot.press("G", "enter")
        assert view.key == ("topic", "pads")
        assert view.has_focus
        assert screen.history.entries == ("pads",)
        await pilot.press("h")
        assert tree.has_focus


async def test_enter_on_a_section_folds_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, tree, _ = _parts(app)
        await pilot.press("j")
        assert tree.cursor_node.is_expanded
        await pilot.press("enter")
        assert not tree.cursor_node.is_expanded


async def test_enter_on_the_flow_entry_runs_the_ask_action():
    asked: list[bool] = []

    class RecordingApp(LeakGuideApp):
        def action_ask(self) -> None:
            asked.append(True)

    app = RecordingApp(minimal_guide())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert asked == [True]
        await pilot.press("a")
        assert asked == [True, True]


async def test_follow_a_related_link_by_keyboard_then_back_and_forward():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, tree, view = _parts(app)
        await pilot.press("j", "j", "enter")
        related = screen.query_one(RelatedList)
        assert related.targets == ["pads"]
        await pilot.press("tab")
        assert related.has_focus
        await pilot.press("enter")
        assert view.key == ("topic", "pads")
        assert tree.current == Entry(TOPIC, "pads")
        assert screen.history.entries == ("let-down", "pads")
        assert related.targets == ["let-down"]
        await pilot.press("b")
        assert view.key == ("topic", "let-down")
        await pilot.press("f")
        assert view.key == ("topic", "pads")
        await pilot.press("backspace")
        assert view.key == ("topic", "let-down")
        assert tree.current == Entry(TOPIC, "let-down")


async def test_visiting_after_back_drops_forward_entries(monkeypatch):
    from leakguide.screens import browse

    # The keys' clock stands still: the moves below are one burst, so the topic pane never
    # shows (and `enter` never records) a topic passed on the way, however slow the machine.
    monkeypatch.setattr(browse, "monotonic", lambda: 1000.0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, tree, view = _parts(app)
        await pilot.press("G", "enter", "tab", "enter")  # pads -> let-down via Related
        assert screen.history.entries == ("pads", "let-down")
        await pilot.press("b")
        tree.focus()
        await pilot.press("g", "j", "j", "l", "j", "enter")  # open "triggers" from the tree
        assert view.key == ("topic", "triggers")
        assert screen.history.entries == ("pads", "triggers")
        await pilot.press("f")
        assert view.key == ("topic", "triggers")


async def test_clicking_a_topic_link_in_the_text_follows_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, _, view = _parts(app)
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        row = next(i for i, line in enumerate(view.text_lines) if "breast pads" in line)
        column = view._lines[row].text.index("breast pads")
        await pilot.click(TopicView, offset=(column + 1, row + 1))  # + 1: the border
        assert view.key == ("topic", "pads")
        assert screen.history.entries == ("let-down", "pads")


async def test_search_finds_a_topic_by_a_hidden_keyword_and_opens_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, tree, view = _parts(app)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"dripping")
        search = app.screen
        assert search.results[0].topic_id == "let-down"
        assert search.results[0].where == "keyword"
        await pilot.press("enter")
        assert isinstance(app.screen, BrowseScreen)
        assert view.key == ("topic", "let-down")
        assert tree.current == Entry(TOPIC, "let-down")


async def test_search_chooses_with_arrows_and_cancels_with_escape_or_ctrl_g():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _, _, view = _parts(app)
        await pilot.press("slash", *"breast")
        results = app.screen.results
        assert len(results) == 3
        await pilot.press("down", "enter")
        assert view.key == ("topic", results[1].topic_id)
        await pilot.press("slash", "x", "escape")
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("slash", "ctrl+g")
        assert isinstance(app.screen, BrowseScreen)


async def test_q_types_into_search_instead_of_quitting():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "q")
        assert app.is_running
        assert app.screen.query_one(Input).value == "q"


async def test_keys_typed_straight_after_slash_reach_the_search_field():
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, character in [("slash", "/"), ("d", "d"), ("r", "r"), ("q", "q")]:
            app.post_message(events.Key(key, character))
        await pilot.pause(0.2)
        assert app.is_running
        assert app.screen.query_one(Input).value == "drq"


async def test_help_lists_every_binding_of_the_screen_and_closes():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_screen.plain_text
        for owner in (BrowseScreen, TopicTree, TopicView, RelatedList, LeakGuideApp):
            for binding in owner.BINDINGS:
                assert binding.description in text, (owner.__name__, binding.description)
        assert "Ctrl+G" not in text  # search keys belong to the search screen's help
        for close in ("question_mark", "enter", "b", "escape"):
            await pilot.press(close)
            assert isinstance(app.screen, BrowseScreen), close
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")


async def test_help_in_search_shows_the_search_keys():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.plain_text
        for binding in SearchScreen.BINDINGS:
            assert binding.description in text


async def test_every_binding_has_an_id_and_a_description():
    from leakguide.screens.search import SearchResults

    for owner in (LeakGuideApp, BrowseScreen, TopicTree, TopicView, RelatedList, HelpScreen,
                  SearchScreen, SearchResults):
        for binding in owner.BINDINGS:
            assert binding.id and binding.description, (owner.__name__, binding)


async def test_q_quits():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_ctrl_q_and_ctrl_c_quit_but_in_search_they_cancel_the_search():
    """keys.md: quit works everywhere but while typing in search, where Ctrl+C cancels (as in
    a text field) and Ctrl+Q with it: a reader cancelling a search stays in the guide."""
    for key in ("ctrl+q", "ctrl+c"):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"pads", key)
            assert isinstance(app.screen, BrowseScreen), key
            assert app.return_code is None, key
            await pilot.press(key)
        assert app.return_code == 0, key


async def test_tab_on_the_list_at_40_columns_shows_the_topic_and_shift_tab_the_list():
    """One pane at a time: Tab from the list goes to the next area, the highlighted entry's
    text (beside the list on a wide screen); Shift+Tab and b come back to the list."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen, tree, view = _parts(app)
        await pilot.press("j", "j", "tab")
        assert screen.reading and view.has_focus and not tree.is_on_screen
        assert view.key == ("topic", "let-down")
        await pilot.press("shift+tab")
        assert not screen.reading and tree.has_focus
        await pilot.press("tab", "b")
        assert not screen.reading and tree.has_focus
        assert tree.current == Entry(TOPIC, "let-down")
        await pilot.press("tab", "tab")  # on to the Related list, as after Enter
        assert screen.reading and screen.query_one(RelatedList).has_focus


async def test_g_and_shift_g_go_to_the_top_and_bottom_of_help():
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        scroller = app.screen.query_one("#help-text")
        await pilot.pause()
        assert scroller.max_scroll_y > 0
        await pilot.press("G")
        assert scroller.scroll_y == scroller.max_scroll_y
        await pilot.press("g")
        assert scroller.scroll_y == 0
        await pilot.press("end")
        assert scroller.scroll_y == scroller.max_scroll_y
        await pilot.press("home")
        assert scroller.scroll_y == 0


async def test_start_topic_opens_there():
    app = LeakGuideApp(minimal_guide(), options=AppOptions(start_topic="triggers"))
    async with app.run_test(size=SIZE):
        _, tree, view = _parts(app)
        assert view.key == ("topic", "triggers")
        assert tree.current == Entry(TOPIC, "triggers")


async def test_unknown_start_topic_shows_the_start_and_says_so():
    app = LeakGuideApp(minimal_guide(), options=AppOptions(start_topic="nope"))
    async with app.run_test(size=SIZE):
        _, _, view = _parts(app)
        assert view.key == ("flow", "")
        assert any("nope" in n.message for n in app._notifications)


async def test_narrow_layout_shows_one_pane_at_a_time():
    app = make_app()
    async with app.run_test(size=(50, 20)) as pilot:
        screen, tree, view = _parts(app)
        assert screen.narrow and tree.display and not view.is_on_screen
        await pilot.press("G", "enter")
        assert screen.reading and view.has_focus and not tree.is_on_screen
        await pilot.press("tab", "enter")  # follow Related to let-down
        assert view.key == ("topic", "let-down")
        await pilot.press("b")
        assert view.key == ("topic", "pads") and screen.reading
        await pilot.press("b")
        assert not screen.reading and tree.has_focus


async def test_at_40x12_the_topic_keeps_the_room_and_related_is_still_reachable():
    """On a short terminal the Related box takes one line (more while focused), so the
    topic's text stays on screen; Tab still reaches every link."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen, _, view = _parts(app)
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        related = screen.query_one(RelatedList)
        assert screen.reading and view.key == ("topic", "let-down")
        assert related.region.height == 2
        assert related.border_title == "Related (1)"
        assert view.region.height >= 6  # 4 lines of text inside the border at least
        assert view.region.bottom <= related.region.y
        await pilot.press("tab")
        await pilot.pause()
        assert related.has_focus and related.region.height == 5
        await pilot.press("enter")
        assert view.key == ("topic", "pads")
    async with make_app().run_test(size=(40, 16)) as pilot:
        related = pilot.app.browse.query_one(RelatedList)
        assert related.region.height == 5


async def test_resize_from_large_to_tiny_and_back():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _, _ = _parts(app)
        await pilot.press("j", "j", "enter")
        for width, height in [(80, 24), (60, 20), (59, 20), (40, 12), (30, 10), (29, 10),
                              (30, 9), (20, 6), (10, 3), (30, 8), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            too_small = width < 30 or height < 10
            assert isinstance(app.screen, TooSmallScreen) == too_small, (width, height)
            if not too_small:
                assert screen.narrow == (width < 60)
        assert isinstance(app.screen, BrowseScreen)
        assert screen.query_one(TopicView).key == ("topic", "let-down")


async def test_content_with_control_characters_shows_as_text():
    guide = minimal_guide()
    nasty = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\u202eevil\x9b31m"
    topics = dict(guide.topics)
    topics["pads"] = topics["pads"]._replace(
        title=f"Pads{nasty}", summary=nasty, body=f"Body {nasty}\n\n# H{nasty}",
    )
    sources = {k: v._replace(title=nasty) for k, v in guide.sources.items()}
    app = LeakGuideApp(guide._replace(topics=topics, sources=sources))
    async with app.run_test(size=SIZE) as pilot:
        _, tree, view = _parts(app)
        await pilot.press("G")
        await pilot.pause(0.1)
        shown = "\n".join(view.text_lines) + tree.cursor_node.label.plain
        for bad in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert bad not in shown
        assert "Body" in shown and "evil" in shown


async def test_every_commonmark_example_in_the_content_pane():
    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))[::25]
    guide = minimal_guide()
    app = LeakGuideApp(guide)
    async with app.run_test(size=SIZE) as pilot:
        _, _, view = _parts(app)
        for example in examples:
            topics = dict(guide.topics)
            topics["pads"] = topics["pads"]._replace(body=example["markdown"])
            view.guide = guide._replace(topics=topics)
            view._cache.clear()
            view.key = ("none", "")
            view.show_topic("pads")
            await pilot.pause()
            assert view.text_lines[1] == "Breast pads", example["example"]


async def test_enter_typed_twice_in_search_closes_only_the_search():
    """A second Enter can reach the search after the first closed it: it must not close the
    guide underneath."""
    from monkey import type_ahead

    for focus in ([], ["tab"]):  # from the search field, and from the results
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"dripping", *focus)
            await pilot.pause()
            type_ahead(app, "enter", "right", "enter")
            await pilot.pause()
            await pilot.pause()
            assert app.is_running and app.return_code is None, focus
            assert isinstance(app.screen, BrowseScreen), focus
            assert app.browse.query_one(TopicView).key == ("topic", "let-down"), focus


async def test_enter_typed_ahead_in_search_opens_the_first_result_and_q_then_quits():
    """Over a slow link `/dripping`, Enter and `q` arrive in one burst: Enter acts on the
    results for the text typed before it, and `q` reaches the guide (and quits)."""
    from monkey import type_ahead

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        browse = app.browse
        await pilot.press("slash", *"dripping", "enter", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert browse.history.current == "let-down"

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        browse = app.browse
        type_ahead(app, "slash", *"dripping", "enter", "q")
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 0
    assert browse.history.current == "let-down"


async def test_keys_typed_ahead_in_search_act_in_the_order_typed():
    from monkey import type_ahead

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"breast")
        expected = [r.topic_id for r in app.screen.results][1]
        await pilot.press("escape")
        burst = ["slash", *"breastx", "backspace", "down", "enter", "j"]
        type_ahead(app, *burst)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.browse.history.current == expected


@pytest.mark.parametrize("burst", [("enter", "tab", "enter"), ("j", "j", "enter", "tab", "enter")])
async def test_enter_then_tab_typed_ahead_reaches_related_and_follows_it(burst):
    """`Enter Tab Enter` in one burst (after moving, or with moves in it): open the topic, move
    to Related, follow its link. Each key acts in the order typed."""
    from monkey import type_ahead

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, _, view = _parts(app)
        if burst[0] == "enter":
            await pilot.press("j", "j")
            await pilot.pause(0.1)
        type_ahead(app, *burst)
        await pilot.pause()
        await pilot.pause()
        assert view.key == ("topic", "pads")
        assert screen.history.entries == ("let-down", "pads")
        assert screen.query_one(RelatedList).has_focus


@pytest.mark.parametrize(("keys_file", "help_keys"), [(None, ("?", "F1")),
                                                      ('[app]\nhelp = "z,f2"\n', ("z", "F2"))],
                         ids=["built-in", "remapped"])
async def test_help_lists_every_key_that_opens_help(tmp_path, keys_file, help_keys):
    """"Everywhere" said "? Help" though F1 opens help too."""
    options = {}
    if keys_file is not None:
        (tmp_path / "keys.toml").write_text(keys_file, encoding="utf-8")
        options["keys_path"] = str(tmp_path / "keys.toml")
    app = make_app(tmp_path, fresh=True, **options)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(help_keys[1].lower())
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        everywhere = dict(app.screen.sections)["Everywhere"]
        assert next(line for line in everywhere if line.description == "Help").keys == help_keys
        await pilot.press("escape")
        await pilot.pause()
        assert f" {help_keys[0]} Help " in app.screen.query_one("KeyBar").render().plain


@pytest.mark.parametrize(("size", "says"), [((80, 24), "the topic shows on the right"),
                                            ((40, 12), "shows the topic")],
                         ids=["80x24", "40x12"])
async def test_the_help_hint_on_the_list_fits_the_layout(size, says):
    """At 40 columns there is no right pane, and help said the topic showed there."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        hint = app.screen.plain_text.splitlines()[0]
        assert says in hint, hint
        assert ("on the right" in hint) == (size[0] >= 60), hint
