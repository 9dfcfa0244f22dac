"""Every use of a private Textual name in leakguide, in one place.

Textual does not promise that names starting with "_" survive an upgrade, so each is used only
here, with why it is needed and the upstream issue or discussion about it.
`tests/test_textual_private.py` checks every one against the installed Textual: an upgrade that
removes or renames one fails that test by name, before it fails a reader.

`node_bindings(node)` reads `DOMNode._bindings`
    The help screen (`screens/help.py`) lists the keys of each part of the screen separately:
    the screen's own, each focusable area's, then the app's. Textual's public view of bindings,
    `Screen.active_bindings`, covers only the focused widget and its ancestors, so it cannot
    list the keys of an area that is not focused (Textual's key panel shows only those:
    https://github.com/Textualize/textual/pull/4906). A public API for a node's own bindings
    is asked for in https://github.com/Textualize/textual/issues/5477 (open).

`PageMovesNeedLines`, a mixin for OptionList, overrides `OptionList._move_page` and reads
`OptionList._index_to_line`
    With no room to lay out its options (a tiny or quickly resized terminal), Textual 8's
    OptionList leaves its line map empty (its line update stops early at zero height:
    https://github.com/Textualize/textual/issues/5794), and PageUp/PageDown then raise KeyError
    inside `_move_page` (the same crash in another app:
    https://github.com/kagan-sh/kagan-legacy/issues/31). The mixin (used by
    `widgets/safe_option_list.py`) skips the page move when the highlighted option has no line;
    `_move_page` is the one method both page keys go through.

`option_lines(option_list, index)` reads `OptionList._index_to_line` and `OptionList._heights`
    The flow's answers (`screens/flow.py`, `AnswerList`) move through a long answer line by line
    before going on to the next, so every line of it can be read on a phone-sized screen; that
    needs where an option starts and how many lines it has. Textual keeps both in its line
    cache and has no public view of them (`scroll_to_highlight` reads the same two maps).

`set_virtual_size_quietly(widget, size)` sets the `virtual_size` reactive with `set_reactive`
and calls `Widget._scroll_update`
    The topic pane (`widgets/topic_view.py`) draws its own lines, as a line-API `ScrollView`.
    Setting `virtual_size` the public way runs its watcher, which lays out the whole screen
    (about 15 ms a key); the pane's own size does not depend on its content, only its
    scrollbar does. `_scroll_update` is the step of that watcher that updates the scrollbars
    (https://github.com/Textualize/textual/issues/1616 shows it; scrolling without a layout
    pass is https://github.com/Textualize/textual/pull/1524).

`driver_of(app)` and `compositor_of(screen)` (tests only: `App._driver`, `Screen._compositor`)
    The tests feed keys to the running driver the way a terminal does (`App._driver`), and
    compare whole frames from the screen's compositor (`Screen._compositor`). Textual's `Pilot`
    presses keys through the app, not the driver, so it cannot test keys typed ahead.

`hits_removed_widget(screen, event)` (public API, a workaround for a Textual bug)
    For a few frames after a widget leaves the screen (a notification that timed out or was
    clicked away), the screen's map of what is where still holds it. A mouse press or drag
    there makes `Screen._forward_event` start a text selection from that widget's parent,
    which is None, and the app crashes with AttributeError ('NoneType' object has no attribute
    'region'): https://github.com/Textualize/textual/issues/6643 (open). The app drops such a
    mouse event (`LeakGuideApp.on_event`): there is nothing there to press any more.

`break_lines_by_the_rule()` replaces `divide_line` in `rich.text` and `textual.content`
    Rich's `Text.wrap` and Textual's `Content.wrap` (every paragraph the app shows) break a line
    with the module-level function `divide_line` (`rich._wrap.divide_line`). It knows spaces
    only: Chinese, which has none, is cut wherever the width ends, so "）" or "。" starts a line
    and "NHS 111" is split. The app puts `render.linebreak.divide_line` in its place, the one
    rule the plain-text tools wrap by; text without wide characters still goes to Rich's own,
    so English wraps exactly as before. Rich has no hook for line breaking and knows no CJK
    rule: "Rich isn't aware of the rules regarding wrapping Chinese, and will wrap on spaces
    only" (https://github.com/Textualize/rich/issues/2494, closed); Textual's report of Chinese
    and Japanese wrapping (https://github.com/Textualize/textual/issues/3567) went to
    https://github.com/Textualize/rich/issues/3176 (closed; it asked first that no text go
    missing, the East Asian rules "would take more effort"). We found no upstream issue open
    for the rules themselves (searched December 2026).

Not private, but relied on (checked by `tests/test_output_pacing.py`): Textual's input parser
turns a cursor-position answer (ESC [ row ; col R) into `events.CursorPosition`, an event its
docs call internal. The paced output (`output.py`) asks the terminal for the cursor position
after each write and takes the answer as the sign that the terminal has drawn it (the driver
drops those events before the app sees them). The parser itself, `textual._xterm_parser`, is
imported by `terminal.py`'s input thread.

Not here because no longer used: `Driver._app`. The hosted driver (`terminal.py`) keeps the app
that Textual passes to every driver's constructor instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.widgets import OptionList

    _OptionListBase = OptionList
else:
    _OptionListBase = object

#: (class path, attribute) of every private name used here: the test checks each exists.
USED: tuple[tuple[str, str], ...] = (
    ("textual.dom.DOMNode", "_bindings"),
    ("textual.widgets.OptionList", "_index_to_line"),
    ("textual.widgets.OptionList", "_move_page"),
    ("textual.widgets.OptionList", "_heights"),
    ("textual.widget.Widget", "_scroll_update"),
    ("textual.scroll_view.ScrollView", "virtual_size"),
    ("textual.app.App", "_driver"),
    ("textual.screen.Screen", "_compositor"),
    ("rich.text", "divide_line"),
    ("textual.content", "divide_line"),
)
#: The modules whose `divide_line` follows `render.linebreak` (`break_lines_by_the_rule`).
_RULED: set[str] = set()


def node_bindings(node: DOMNode, keymap: Mapping[str, str] | None = None) -> list[Binding]:
    """The bindings `node` itself defines (its BINDINGS, with those it inherits), in order,
    with the keys of `keymap` (binding id -> keys, as given to `App.set_keymap`) applied."""
    found: list[Binding] = []
    bindings_map = node._bindings
    if keymap:
        bindings_map = bindings_map.copy()
        bindings_map.apply_keymap(keymap)
    for bindings in bindings_map.key_to_bindings.values():
        found.extend(bindings)
    return found


def option_list_has_lines(option_list: OptionList) -> bool:
    """Whether the highlighted option (or the first) has been laid out on a line."""
    return (option_list.highlighted or 0) in option_list._index_to_line


def option_lines(option_list: OptionList, index: int) -> tuple[int, int] | None:
    """The first line of option `index` and its number of lines, or None while it is not laid
    out."""
    first = option_list._index_to_line.get(index)
    height = option_list._heights.get(index)
    return None if first is None or height is None else (first, height)


class PageMovesNeedLines(_OptionListBase):
    """For an OptionList subclass (listed before it): PageUp and PageDown do nothing while no
    option is laid out, instead of raising KeyError."""

    def _move_page(self, direction: Any) -> None:
        if self.option_count and not option_list_has_lines(self):
            return  # nothing is laid out (no room): there is no page to move by
        super()._move_page(direction)


def set_virtual_size_quietly(widget: ScrollView, size: Size) -> None:
    """Give `widget` a new scrollable size, updating its scrollbars but without the layout pass
    of the whole screen that setting `virtual_size` starts."""
    widget.set_reactive(type(widget).virtual_size, size)
    widget._scroll_update(size)


def hits_removed_widget(screen: Any, event: Any) -> bool:
    """Whether a mouse press or move lands on a widget already removed from the screen (which
    Textual's text selection would trip over: see the module docstring)."""
    from textual import events
    from textual.screen import Screen

    if not isinstance(event, (events.MouseDown, events.MouseMove)):
        return False
    try:
        widget, _ = screen.get_widget_and_offset_at(event.x, event.y)
    except Exception:  # nothing at all there (outside the screen): Textual copes with that
        return False
    return widget is not None and not isinstance(widget, Screen) and widget.parent is None


def driver_of(app: App[Any]) -> Any:
    """The running app's driver (tests: feed it key events as a terminal would)."""
    return app._driver


def compositor_of(screen: Any) -> Any:
    """The screen's compositor (tests: render a whole frame)."""
    return screen._compositor


def break_lines_by_the_rule() -> None:
    """Make Rich's and Textual's wrapping break lines as `render.linebreak` says (closing
    punctuation never starts a line, ...). English text wraps as before. Safe to call again."""
    import rich.text
    import textual.content

    from .render import linebreak

    for module in (rich.text, textual.content):
        if module.__name__ in _RULED:
            continue
        original = module.divide_line

        def divide_line(text: str, width: int, fold: bool = True,
                        _original: Any = original) -> list[int]:
            return linebreak.divide_line(text, width, fold, original=_original)

        module.divide_line = divide_line  # type: ignore[attr-defined]
        _RULED.add(module.__name__)
