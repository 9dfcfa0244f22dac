"""The reader's choice of colours (`--theme`). Names without Textual; the themes with it.

- `default`: Textual's dark theme, in 24-bit colour.
- `terminal`: only the 16 ANSI colours and the terminal's own foreground and background, so
  the reader's palette, light or dark scheme apply; the fewest bytes over a slow link.
- `high-contrast`: white on black, bright yellow for focus and the cursor.
- `mono`: no colour at all; the cursor and selection are reverse video and bold, focus is a
  heavy border, links are bold and underlined, urgency has its glyph. What `NO_COLOR` gives.

Every theme's styling lives in `app.tcss`; a theme only gives the colour variables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.theme import Theme as TextualTheme

DEFAULT = "default"
TERMINAL = "terminal"
HIGH_CONTRAST = "high-contrast"
MONO = "mono"
#: Every theme a reader can name, in the order `--help` lists them.
THEME_NAMES: tuple[str, ...] = (DEFAULT, TERMINAL, HIGH_CONTRAST, MONO)
#: The themes made of the terminal's own (ANSI) colours, sent as they are.
ANSI_THEMES = frozenset({TERMINAL, MONO})


def theme_for(requested: str | None, saved: str | None,
              environ: Mapping[str, str]) -> str:
    """The theme to start with: `NO_COLOR` (any value) gives mono, then the `--theme` asked
    for, then the reader's saved choice (if it is still a theme), then the default."""
    if "NO_COLOR" in environ:
        return MONO
    for name in (requested, saved):
        if name in THEME_NAMES:
            return name
    return DEFAULT


def next_theme(current: str) -> str:
    """The theme after `current` in `THEME_NAMES`, round again after the last."""
    index = THEME_NAMES.index(current) if current in THEME_NAMES else -1
    return THEME_NAMES[(index + 1) % len(THEME_NAMES)]


def unknown_theme_message(name: str) -> str:
    """What a reader is told for `--theme NAME` that is not a theme."""
    return f"there is no theme {name!r}; the themes are: {', '.join(THEME_NAMES)}"


def textual_themes() -> list[TextualTheme]:
    """leakguide's themes as Textual themes, named as the reader names them."""
    from textual.theme import BUILTIN_THEMES
    from textual.theme import Theme as TextualTheme

    def Theme(**fields: Any) -> TextualTheme:  # noqa: N802 - stands in for the class
        # Textual before 8 has no `ansi` field: there the app's `ansi_color` alone keeps the
        # terminal's own colours (see `ANSI_THEMES` and LeakGuideApp.__init__).
        if "ansi" not in TextualTheme.__dataclass_fields__:
            fields.pop("ansi", None)
        return TextualTheme(**fields)

    dark = BUILTIN_THEMES["textual-dark"]
    default = "ansi_default"  # the reader's own foreground or background
    return [
        Theme(
            name=DEFAULT, primary=dark.primary, secondary=dark.secondary,
            accent=dark.accent, warning=dark.warning, error=dark.error,
            success=dark.success, foreground=dark.foreground,
            variables={"option-highlight-style": "bold reverse"},
        ),
        Theme(
            name=TERMINAL, ansi=True, dark=True,
            primary="ansi_blue", secondary="ansi_cyan", accent="ansi_magenta",
            warning="ansi_yellow", error="ansi_red", success="ansi_green",
            foreground=default, background=default, surface=default, panel=default,
            boost=default,
            variables={
                "ansi-background": "ansi_default",
                "ansi-foreground": "ansi_default",
                "option-highlight-style": "bold underline",
                # Cursor and selection are reverse video of the reader's own colours.
                "block-cursor-foreground": "ansi_default",
                "block-cursor-background": "ansi_default",
                "block-cursor-blurred-background": "ansi_default",
                "block-hover-background": "ansi_default",
                "border": "ansi_blue",
                "border-blurred": "ansi_default",
                "text-accent": "ansi_blue",
                "footer-foreground": "ansi_default",
                "footer-background": "ansi_default",
                "footer-key-foreground": "ansi_blue",
                "footer-key-background": "ansi_default",
                "footer-description-foreground": "ansi_default",
                "footer-description-background": "ansi_default",
                "scrollbar": "ansi_blue",
                "scrollbar-hover": "ansi_bright_blue",
                "scrollbar-active": "ansi_bright_blue",
                "scrollbar-background": "ansi_default",
                "scrollbar-background-hover": "ansi_default",
                "scrollbar-background-active": "ansi_default",
                "scrollbar-corner-color": "ansi_default",
                "input-cursor-background": "ansi_default",
                "input-cursor-foreground": "ansi_default",
                "input-cursor-text-style": "reverse",
                "input-selection-background": "ansi_blue",
                "input-selection-foreground": "ansi_default",
                "link-color-hover": "ansi_bright_blue",
                "link-background-hover": "ansi_default",
            },
        ),
        Theme(
            name=HIGH_CONTRAST, dark=True,
            primary="#ffff00", secondary="#00ffff", accent="#ffff00",
            warning="#ffff00", error="#ff5f5f", success="#00ff00",
            foreground="#ffffff", background="#000000", surface="#000000",
            panel="#000000", boost="#000000", text_alpha=1.0,
            variables={
                # The cursor is drawn in reverse video (app.tcss): black on yellow.
                "block-cursor-foreground": "#ffff00",
                "block-cursor-background": "#000000",
                "block-cursor-blurred-background": "#000000",
                "block-hover-background": "#000000",
                "border": "#ffff00",
                "border-blurred": "#ffffff",
                "text-accent": "#00ffff",
                "footer-foreground": "#ffffff",
                "footer-background": "#000000",
                "footer-key-foreground": "#ffff00",
                "footer-key-background": "#000000",
                "footer-description-foreground": "#ffffff",
                "footer-description-background": "#000000",
                "scrollbar": "#ffffff",
                "scrollbar-hover": "#ffff00",
                "scrollbar-active": "#ffff00",
                "scrollbar-background": "#000000",
                "scrollbar-background-hover": "#000000",
                "scrollbar-background-active": "#000000",
                "scrollbar-corner-color": "#000000",
                "input-cursor-background": "#ffffff",
                "input-cursor-foreground": "#000000",
                "link-color": "#00ffff",
                "option-highlight-style": "bold reverse",
            },
        ),
        Theme(
            name=MONO, ansi=True, dark=True,
            primary="ansi_default", secondary="ansi_default", accent="ansi_default",
            warning="ansi_default", error="ansi_default", success="ansi_default",
            foreground=default, background=default, surface=default, panel=default,
            boost=default,
            variables={
                name: "ansi_default" for name in (
                    "ansi-background", "ansi-foreground",
                    "block-cursor-foreground", "block-cursor-background",
                    "block-cursor-blurred-background", "block-hover-background", "border",
                    "border-blurred", "text-accent", "footer-foreground",
                    "footer-background", "footer-key-foreground", "footer-key-background",
                    "footer-description-foreground", "footer-description-background",
                    "scrollbar", "scrollbar-hover", "scrollbar-active",
                    "scrollbar-background", "scrollbar-background-hover",
                    "scrollbar-background-active", "scrollbar-corner-color",
                    "input-cursor-background", "input-cursor-foreground",
                    "input-selection-background", "input-selection-foreground",
                    "link-color", "link-color-hover", "link-background-hover",
                    "screen-selection-background", "screen-selection-foreground",
                    *(f"markdown-h{level}-color" for level in range(1, 7)),
                )
            } | {"input-cursor-text-style": "reverse", "link-style": "bold underline",
                 "option-highlight-style": "bold underline",
                 "link-style-hover": "bold underline reverse"},
        ),
    ]
