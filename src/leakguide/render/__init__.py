"""Rendering without Textual: Markdown to plain text (and, later, to Rich)."""
