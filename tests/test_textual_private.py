"""Every private Textual name leakguide uses (listed in `leakguide.textual_private`) still exists
and still does what we use it for. A Textual upgrade that renames or removes one fails here,
naming it, instead of failing a reader at some key press."""

from __future__ import annotations

import importlib
import inspect

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import OptionList

from leakguide import textual_private
from leakguide.textual_private import (
    USED,
    compositor_of,
    driver_of,
    node_bindings,
    option_list_has_lines,
    set_virtual_size_quietly,
)


def _class(path: str) -> type:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _instance(cls: type) -> object:
    if issubclass(cls, App):
        return App()
    if issubclass(cls, Screen):
        return Screen()
    if issubclass(cls, OptionList):
        return OptionList("a", "b")
    return cls()


@pytest.mark.parametrize(("path", "name"), USED, ids=[f"{p}.{n}" for p, n in USED])
def test_each_private_name_still_exists(path, name):
    cls = _class(path)
    owner = cls if hasattr(cls, name) else _instance(cls)
    assert hasattr(owner, name), (
        f"Textual {importlib.metadata.version('textual')} has no {path}.{name}: "
        "leakguide.textual_private needs a new way to do what its docstring says")


def test_the_docstring_explains_each_name():
    for _, name in USED:
        assert name in (textual_private.__doc__ or ""), name


def test_node_bindings_lists_a_widgets_own_keys():
    class Keyed(Widget):
        BINDINGS = [Binding("x", "do_x", "Do x"), ("y", "do_y", "Do y")]

    keys = [binding.key for binding in node_bindings(Keyed())]
    assert {"x", "y"} <= set(keys)


def test_page_keys_go_through_move_page():
    """SafeOptionList guards `_move_page`: both page keys must still go through it."""
    for action in ("action_page_up", "action_page_down"):
        assert "_move_page" in inspect.getsource(getattr(OptionList, action)), action


def test_an_option_list_with_no_room_has_no_lines():
    assert option_list_has_lines(OptionList("a", "b")) is False


class _Pane(ScrollView):
    def render_line(self, y):  # noqa: ANN001, ANN201 - a line-API widget that draws nothing
        from textual.strip import Strip

        return Strip([])


class _PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield _Pane()


async def test_set_virtual_size_quietly_updates_the_scrollbar():
    app = _PaneApp()
    async with app.run_test(size=(40, 10)) as pilot:
        pane = app.query_one(_Pane)
        assert not pane.show_vertical_scrollbar
        set_virtual_size_quietly(pane, Size(10, 100))
        await pilot.pause()
        assert pane.virtual_size == Size(10, 100)
        assert pane.show_vertical_scrollbar
        assert pane.max_scroll_y > 0
        assert driver_of(app) is not None
        assert compositor_of(app.screen) is not None
        assert inspect.signature(Widget._scroll_update).parameters.keys() >= {"virtual_size"}


async def test_a_mouse_press_over_a_notification_just_removed_is_dropped(tmp_path):
    """Textual bug 6643: for a moment after a notification goes, a press (Alt-click included)
    where it was starts a text selection from a widget with no parent and crashes the app.
    The app drops such a press; when Textual fixes it, the press reaches the screen instead."""
    from importlib.metadata import version

    from textual import events
    from textual.widgets._toast import Toast

    from leakguide.app import LeakGuideApp
    from leakguide.options import AppOptions
    from leakguide.textual_private import hits_removed_widget

    app = LeakGuideApp(options=AppOptions(fresh=True, state_dir=str(tmp_path / "state")))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("A notification to click", timeout=30)
        await pilot.pause(0.2)
        toast = app.screen.query_one(Toast)
        for _ in range(100):  # a busy machine may not have placed it yet
            if toast.region:
                break
            await pilot.pause(0.05)
        assert toast.region, "the notification was never placed on the screen"
        x, y = toast.region.x + 2, toast.region.y  # its first row (one line at 80×24)
        await toast.remove()
        press = events.MouseDown(None, x, y, 0, 0, 1, False, True, False, screen_x=x, screen_y=y)
        if int(version("textual").split(".")[0]) >= 8:  # Textual 6 updates its map at once
            assert hits_removed_widget(app.screen, press)  # the screen's map still holds it
        app.post_message(press)
        await pilot.pause()
        assert app.is_running and app.return_code is None
