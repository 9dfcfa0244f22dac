"""Command-line author and reader tools. None of these modules import Textual."""
