"""What start-up leaves out of the first frame, and that nothing is lost by leaving it out."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO
from snapshot_apps import make_app
from textual.widget import Widget
from textual.widgets import Tree

from leakguide.content.links import markdown_parser, markdown_parser_loaded
from leakguide.widgets.guide_errors import GuideErrors
from leakguide.widgets.related_list import RelatedList
from leakguide.widgets.topic_tree import TopicTree
from leakguide.widgets.topic_view import TopicView

SIZE = (80, 24)
BODY = "A hormone makes the breast squeeze milk out."

def shows(view: TopicView, text: str) -> bool:
    return text in " ".join(view.text_lines)


# -- the guide-errors panel --------------------------------------------------------------------


async def test_without_watch_no_screen_carries_a_guide_errors_panel():
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.watches_guide
        assert not app.screen.query(GuideErrors)
        await pilot.press("a")
        await pilot.pause()
        assert not app.screen.query(GuideErrors)


async def test_with_watch_the_panel_is_there_and_hidden(minimal_guide_path):
    app = make_app(guide_path=minimal_guide_path, fresh=True, watch=True)
    async with app.run_test(size=SIZE):
        assert app.watches_guide
        panel = app.screen.query_one(GuideErrors)
        assert not panel.display


# -- topic bodies wait for the Markdown parser until the first frame is drawn -----------------


@pytest.fixture
def markdown_not_loaded():
    """As in a new process: markdown-it not yet asked for."""
    markdown_parser.cache_clear()
    yield
    markdown_parser()


async def test_a_waiting_topic_shows_its_head_then_its_body_and_links():
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(TopicView)
        related = app.screen.query_one(RelatedList)
        view.bodies_waiting = related.bodies_waiting = True
        app.browse.open_topic("let-down")
        await pilot.pause()
        assert "The let-down reflex" in view.text_lines
        assert "…" in view.text_lines
        assert not shows(view, BODY)
        assert related.targets == []
        view.bodies_ready()
        related.bodies_ready()
        await pilot.pause()
        assert shows(view, BODY)
        assert "…" not in view.text_lines
        assert related.targets == ["pads"]


async def test_a_resumed_topic_gets_its_body_right_after_the_first_frame(markdown_not_loaded):
    app = make_app(fresh=True, start_topic="let-down")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(TopicView)
        assert markdown_parser_loaded()
        assert not view.bodies_waiting
        assert shows(view, BODY)
        assert app.screen.query_one(RelatedList).targets == ["pads"]


async def test_the_page_is_not_drawn_before_the_pane_has_a_width(monkeypatch):
    widths: list[int] = []
    real = TopicView._render_lines

    def recording(self: TopicView, width: int):
        widths.append(width)
        return real(self, width)

    monkeypatch.setattr(TopicView, "_render_lines", recording)
    app = make_app(fresh=True, start_topic="let-down")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(TopicView)
        assert shows(view, BODY)
        assert widths and min(widths) == view.scrollable_content_region.width > 1


@pytest.mark.parametrize(("start_topic", "focused"), [(None, TopicTree), ("let-down", TopicView)])
async def test_the_first_screen_gives_focus_once(monkeypatch, start_topic, focused):
    """Each focus change restyles a widget: the start focuses its widget directly, without
    passing through the tree first."""
    changes: list[tuple[str, bool]] = []
    real = Widget.watch_has_focus

    def recording(self: Widget, value: bool) -> None:
        changes.append((type(self).__name__, value))
        real(self, value)

    monkeypatch.setattr(Widget, "watch_has_focus", recording)
    app = make_app(fresh=True, start_topic=start_topic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, focused)
        assert changes == [(focused.__name__, True)]


async def test_the_trees_measure_of_a_line_is_what_it_draws():
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.screen.query_one(TopicTree)
        nodes = list(tree._entry_nodes.values())
        assert any(node.allow_expand for node in nodes)
        for collapsed in (False, True):
            for node in nodes:
                tree.move_cursor(node, animate=False)
                await pilot.pause()
                for measured in nodes:
                    assert tree.get_label_width(measured) == Tree.get_label_width(tree, measured)
            for node in nodes:
                if node.allow_expand and collapsed is False:
                    node.collapse()


async def test_related_says_it_has_no_links_once_the_parser_is_there(monkeypatch,
                                                                     markdown_not_loaded):
    """On the flow's entry, Related is drawn again when the parser arrives: "…" must not stay."""
    drawn: list[str] = []
    real = RelatedList.render_line

    def recording(self: RelatedList, y: int):
        strip = real(self, y)
        if y == 0:
            drawn.append(strip.text.strip())
        return strip

    monkeypatch.setattr(RelatedList, "render_line", recording)
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert markdown_parser_loaded()
        assert drawn[0] == "…"
        assert drawn[-1] == "No links from here."


TREE_LOOK = ["background", "color", "overflow_y", "scrollbar_background",
             "scrollbar_background_hover", "scrollbar_background_active", "scrollbar_color",
             "scrollbar_color_hover", "scrollbar_color_active", "scrollbar_corner_color",
             "scrollbar_size_horizontal", "background_tint"]
TREE_PARTS = {"tree--cursor": ["background", "color"], "tree--highlight-line": ["background"],
              "tree--label": ["background", "color"], "tree--highlight": ["background", "color"]}


def _look(tree: Tree) -> dict[str, object]:
    look: dict[str, object] = {name: getattr(tree.styles, name) for name in TREE_LOOK}
    for part, names in TREE_PARTS.items():
        styles = tree.get_component_styles(part)
        look.update({f"{part}.{name}": getattr(styles, name) for name in names})
    return look


async def test_the_topic_tree_looks_as_textual_tree_would():
    """TopicTree does not inherit Tree's default CSS; app.tcss restates what it uses. A plain
    Tree beside it (a Textual upgrade may change its defaults) must look the same, focused and
    not."""
    app = make_app(fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        topics = app.screen.query_one(TopicTree)
        plain: Tree[None] = Tree("plain")
        await app.screen.query_one("#panes").mount(plain)
        looks = {}
        for tree in (topics, plain):
            tree.focus()
            await pilot.pause()
            looks[tree, True] = _look(tree)
        app.screen.query_one(TopicView).focus()
        await pilot.pause()
        for tree in (topics, plain):
            looks[tree, False] = _look(tree)
        assert looks[topics, True] != looks[topics, False]
        for focused in (True, False):
            assert looks[topics, focused] == looks[plain, focused]


# -- what the command line loads before the app runs ------------------------------------------

STARTED_MODULES = """
import sys
from leakguide import app, cli
app.LeakGuideApp.run = lambda self, *args, **kwargs: print(" ".join(
    sorted(name for name in sys.modules if name.startswith(("markdown_it", "leakguide.")))))
cli.main(["--browser-session", "--lang", "en", "--answers", "1"])
"""


def test_starting_the_app_loads_no_markdown_parser_and_no_plain_text_tools():
    """markdown-it comes after the first frame; `--answers` is checked without `tools.ask`."""
    done = subprocess.run([sys.executable, "-c", STARTED_MODULES], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")},
                          check=True, timeout=60)
    loaded = done.stdout.split()
    assert "leakguide.app" in loaded
    assert not [name for name in loaded if name.startswith(("markdown_it", "leakguide.tools"))]
