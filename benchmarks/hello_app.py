"""The reference for start-up and memory: a hello-world Textual app.

    python benchmarks/hello_app.py     (q quits)
"""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class HelloApp(App):
    """One line of text; `q` quits."""

    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def compose(self) -> ComposeResult:
        yield Static("Hello, world! Press q to quit.")


if __name__ == "__main__":
    HelloApp().run()
