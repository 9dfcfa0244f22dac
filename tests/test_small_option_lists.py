"""Lists the reader can page through never raise when the terminal leaves them no room."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets.option_list import Option

from leakguide.widgets.safe_option_list import SafeOptionList


class OneList(App[None]):
    CSS = "SafeOptionList { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield SafeOptionList(*[Option(f"Answer number {n} with a long label") for n in range(9)])


async def test_page_keys_and_layout_at_no_width():
    app = OneList()
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.query_one(SafeOptionList)
        options.focus()
        options.highlighted = 1
        for size in ((2, 3), (1, 1), (0, 0)):
            await pilot.resize_terminal(*size)
            await pilot.press("pagedown", "pageup", "down")
        await pilot.resize_terminal(80, 24)
        await pilot.press("pagedown")
        assert options.highlighted == 8
