"""Widgets named after what the reader sees."""
