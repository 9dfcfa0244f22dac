"""How the app was asked to start. Plain data: no Textual here."""

from __future__ import annotations

from typing import NamedTuple


class AppOptions(NamedTuple):
    """Start-up choices from the command line (all optional; defaults suit a reader)."""

    guide_path: str = ""
    fresh: bool = False
    save_dir: str | None = None
    state_dir: str | None = None
    hosted: bool = False
    start_topic: str | None = None
    answers: tuple[str, ...] = ()
    watch: bool = False
    #: Running under `leakguide serve` (textual-serve): a browser session, always hosted.
    browser: bool = False
    #: The reader's keymap file (`--keys`, or the one in the config directory), if any.
    keys_path: str | None = None
    #: `--theme NAME` (one of `themes.THEME_NAMES`), or None for the saved or default theme.
    theme: str | None = None
