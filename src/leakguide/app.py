"""The terminal app: holds the guide and the start-up options, and routes between screens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

from .content import bundled_guide_path, load_guide
from .content.model import Guide
from .options import AppOptions
from .screens.browse import BrowseScreen
from .screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

if TYPE_CHECKING:
    from .search import SearchIndex


KEY_NAMES = {
    "up": "↑", "down": "↓", "left": "←", "right": "→", "enter": "Enter", "escape": "Esc",
    "backspace": "Backspace", "tab": "Tab", "space": "Space", "home": "Home", "end": "End",
    "pageup": "PgUp", "pagedown": "PgDn", "slash": "/", "question_mark": "?", "f1": "F1",
}


class GuideUnavailable(Exception):
    """The bundled guide could not be loaded (only when the app is built without a guide)."""


class LeakGuideApp(App[int], inherit_bindings=False):
    """leakguide: browse the guide, ask the decision flow, search, get help."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    ENABLE_COMMAND_PALETTE = False
    HELP_AREA = "Everywhere"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q,ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit-now"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help"),
        Binding("a", "ask", "Ask", id="app.ask"),
    ]

    def __init__(self, guide: Guide | None = None, *, options: AppOptions | None = None) -> None:
        super().__init__()
        self.options = options or AppOptions()
        self.guide = guide if guide is not None else _bundled_guide()
        self.title = self.guide.info.title
        self._search_index: SearchIndex | None = None

    def get_key_display(self, binding: Binding) -> str:
        """Keys as a reader would name them: "Enter", "Ctrl+Q", "PgDn"."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        name = KEY_NAMES.get(key, key if len(key) == 1 else key.replace("_", " ").title())
        return "+".join([*(m.title() for m in modifiers), name])

    def get_default_screen(self) -> BrowseScreen:
        return BrowseScreen(self.guide, start_topic=self.options.start_topic)

    @property
    def browse(self) -> BrowseScreen:
        """The browse screen, at the bottom of the screen stack."""
        screen = self.screen_stack[0]
        assert isinstance(screen, BrowseScreen)
        return screen

    @property
    def search_index(self) -> SearchIndex:
        """The search index, built when first needed."""
        if self._search_index is None:
            from .search import SearchIndex

            self._search_index = SearchIndex(self.guide)
        return self._search_index

    def open_topic(self, topic_id: str) -> None:
        """Show a topic on the browse screen (the caller decides which screens to leave)."""
        self.browse.open_topic(topic_id)

    def on_mount(self) -> None:
        self._check_size(self.size.width, self.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small and showing:
            self.pop_screen()

    async def action_quit(self) -> None:
        self.exit(0)

    def action_help(self) -> None:
        """Show every key of the current screen (or close the help if it is open)."""
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        elif not isinstance(self.screen, TooSmallScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_ask(self) -> None:
        """Start or resume the decision flow (the flow screen replaces this)."""
        self.notify("The decision flow is not available yet.", title="Ask")


def _bundled_guide() -> Guide:
    path = bundled_guide_path()
    result = load_guide(path)
    if result.guide is None:
        messages = "; ".join(problem.render(path) for problem in result.errors[:3])
        raise GuideUnavailable(f"the bundled guide has errors: {messages}")
    return result.guide
