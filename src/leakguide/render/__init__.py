"""Turning guide text into what a terminal can show: Rich renderables, plain text. No Textual."""
