"""Turning guide text into something a terminal can show. No Textual here."""
