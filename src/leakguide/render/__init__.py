"""Turning guide text into something a terminal can show: Rich renderables, plain text. No Textual."""
