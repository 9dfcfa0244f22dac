"""Help: every key of the screen underneath, taken from the bindings themselves."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from ..i18n import N_, _
from ..keymap import with_reader_keys
from ..render.cells import cells
from ..textual_private import node_bindings
from .drawn import ActsOnceDrawn
from .search import MAX_DIALOG_WIDTH

#: The cells of the dialog's width (at most `MAX_DIALOG_WIDTH`, as search's) that its text
#: cannot use: the border, the padding and the scrollbar's gutter.
HELP_FRAME = 6
#: The least room a key's words get beside its keys; with less, they go under the keys,
#: indented by this much (and the table's gap).
MIN_WORDS_WIDTH = 12
WORDS_UNDER_KEYS_INDENT = 2

#: Above the problems of the reader's keys file, in help.
KEY_FILE_PROBLEMS_INTRO = N_(
    "These lines of your keys file were not used, so those keys work as built in. "
    "`leakguide keys` prints the same list.")


@dataclass(frozen=True)
class KeyHelp:
    """One line of help: the keys that do one thing, and what it does."""

    keys: tuple[str, ...]
    description: str


_NUMBERED_ACTION = re.compile(r"^(?P<name>\w+)\((?P<number>\d)\)$")


def describe_bindings(node: DOMNode, key_display,
                      leave_out: Collection[str] = ()) -> list[KeyHelp]:
    """The bindings of one node, keys that share an action joined on one line, in order;
    keys in `leave_out` are not listed, nor those the node does not offer now (`s` where
    saving is off: `ActsOnceDrawn.offers_key`).

    Numbered bindings such as `choose(1)` ... `choose(9)` ("Choose answer 1" ...) become one
    line, "1-9  Choose answer by number", instead of nine.
    """
    lines: dict[tuple[str, str], list[str]] = {}
    bindings = node_bindings(node, getattr(node.app, "reader_keymap", None))
    # An action some of whose keys are left out lists the rest by name: Help's one display
    # "?" would name a key that types a "?" in search, where F1 is the key that works.
    partly_left_out = {b.action for b in bindings if b.key in leave_out}
    offers = getattr(node, "offers_key", None)
    for binding in bindings:
        if not binding.description or binding.key in leave_out:
            continue
        if offers is not None and not offers(binding):
            continue
        if binding.action in partly_left_out:
            binding = replace(binding, key_display=None)
        action, description = binding.action, binding.description
        numbered = _NUMBERED_ACTION.match(action)
        if numbered and description.endswith(" " + numbered["number"]):
            action = numbered["name"] + "(#)"
            description = description[: -len(numbered["number"])] + "by number"
        keys = lines.setdefault((action, description), [])
        shown = key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [
        KeyHelp(_key_range(keys) if action.endswith("(#)") else tuple(keys), _(description))
        for (action, description), keys in lines.items()
    ]


def _key_range(keys: list[str]) -> tuple[str, ...]:
    """Consecutive digits as one range ("1-9"); anything else unchanged."""
    if len(keys) > 2 and all(k.isdigit() for k in keys):
        numbers = sorted(int(k) for k in keys)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return (f"{numbers[0]}-{numbers[-1]}",)
    return tuple(keys)


def help_sections(screen: Screen) -> list[tuple[str, list[KeyHelp]]]:
    """Help for a screen: its own keys, each area's keys, then the keys that work everywhere."""
    app = screen.app
    sections: list[tuple[str, list[KeyHelp]]] = []
    areas: list[DOMNode] = [screen]
    areas += [w for w in screen.query("*") if getattr(w, "HELP_AREA", None) and w.can_focus]
    seen_types: set[type] = set()
    for area in areas:
        if type(area) in seen_types:
            continue
        seen_types.add(type(area))
        lines = describe_bindings(area, app.get_key_display)
        if lines:
            title = _(str(getattr(area, "HELP_AREA", "")) or "This screen")
            sections.append((with_reader_keys(area, title), lines))
    sections.append((_(str(getattr(app, "HELP_AREA", "Everywhere"))), describe_bindings(
        app, app.get_key_display, _keys_taken(screen) | _keys_off(app))))
    return sections


def _keys_off(app: App) -> set[str]:
    """The app's keys that do nothing here (`App.check_action`), as `t` with NO_COLOR."""
    keymap = getattr(app, "reader_keymap", None)
    return {binding.key for binding in node_bindings(app, keymap)
            if app.check_action(binding.action, ()) is False}


def _keys_taken(screen: Screen) -> set[str]:
    """Keys that do the screen's own thing there instead of the app's: those it binds, and on
    a screen that takes keys as typed (search), every key that types a character (in search,
    `q` types a q and Ctrl+C cancels, so help there does not list them as quit)."""
    from textual.keys import key_to_character

    keymap = getattr(screen.app, "reader_keymap", None)
    taken = {binding.key for binding in node_bindings(screen, keymap)}
    if getattr(screen, "TAKES_KEYS_IN_ORDER", False):
        for binding in node_bindings(screen.app, keymap):
            character = key_to_character(binding.key)
            if character is not None and character.isprintable():
                taken.add(binding.key)
    return taken


class HelpScreen(ActsOnceDrawn, Screen[None], inherit_bindings=False):
    """Every key of the screen underneath, and how to get around.

    Not a modal screen: the keys that work everywhere (q, ?, F1) keep working here.
    """

    HELP_AREA = "Help"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,b,backspace", "close", "Close help", id="help.close"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="help.up"),
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="help.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="help.page-up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="help.page-down"),
        Binding("g,home", "scroll_home", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, underneath: Screen) -> None:
        super().__init__()
        self.sections = help_sections(underneath)
        help_hint = getattr(underneath, "help_hint", None)  # a hint that fits the layout
        hint = help_hint() if callable(help_hint) else str(getattr(underneath, "HELP_HINT", ""))
        self.hint = with_reader_keys(underneath, _(hint)) if hint else ""
        #: What was wrong with the reader's keys file, in full (a notice on a phone is cut).
        self.key_file_problems: list[str] = list(
            getattr(underneath.app, "key_file_problems", ()))
        # Made with the screen: a page key arriving as the app closes scrolls a detached
        # widget instead of failing to find it.
        self._scroller = VerticalScroll(id="help-text")
        self._body = Static(id="help-body")

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = with_reader_keys(
                self, _("Keys — {app.help} or {help.close} closes"))
            with self._scroller:
                self._body.update(self._text(self.app.size.width))
                yield self._body

    def on_resize(self, event: events.Resize) -> None:
        # The body made with the screen: a resize can come before it is mounted, or after.
        self._body.update(self._text(event.size.width))

    def _text(self, width: int) -> Group:
        """The help at a terminal `width`: each key's words beside its keys, or under them
        where the keys take the room the words need (at 40 columns "Esc Ctrl+G Ctrl+C
        Ctrl+Q" left the words three columns)."""
        room = min(width, MAX_DIALOG_WIDTH) - HELP_FRAME
        widest = room - 2 - MIN_WORDS_WIDTH  # the widest the keys' column may be
        key_column = max(
            (needed for _title, lines in self.sections for line in lines
             if (needed := cells("  ".join(line.keys)) + 2) <= widest),
            default=6,
        )
        parts: list[Text | Table | Padding] = [Text(self.hint), Text()] if self.hint else []
        if self.key_file_problems:
            parts.append(Text(_("Keys file problems"), style="bold underline"))
            parts.append(Text(_(KEY_FILE_PROBLEMS_INTRO)))
            parts.extend(Padding(Text(problem, overflow="fold"), (0, 0, 0, 2))
                         for problem in self.key_file_problems)
            parts.append(Text())
        for title, lines in self.sections:
            parts.append(Text(title, style="bold underline"))
            for line in lines:
                keys = Text("  " + "  ".join(line.keys), style="bold")
                row = Table.grid(padding=(0, 2))
                if keys.cell_len > key_column:  # the keys on a line of their own
                    parts.append(keys)
                    row.add_column(width=WORDS_UNDER_KEYS_INDENT)
                    row.add_column(overflow="fold")
                    row.add_row("", line.description)
                else:
                    row.add_column(no_wrap=True, width=key_column)
                    row.add_column(overflow="fold")
                    row.add_row(keys, line.description)
                parts.append(row)
            parts.append(Text())
        return Group(*parts)

    @property
    def plain_text(self) -> str:
        """The help as plain text (for tests and screen readers)."""
        parts = [self.hint]
        if self.key_file_problems:
            parts += [_("Keys file problems"), _(KEY_FILE_PROBLEMS_INTRO),
                      *self.key_file_problems]
        for title, lines in self.sections:
            parts.append(title)
            parts.extend(f"{' '.join(line.keys)} {line.description}" for line in lines)
        return "\n".join(parts)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_up(self) -> None:
        self._scroller.scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        self._scroller.scroll_down(animate=False)

    def action_page_up(self) -> None:
        self._scroller.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self._scroller.scroll_page_down(animate=False)

    def action_scroll_home(self) -> None:
        self._scroller.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self._scroller.scroll_end(animate=False)
