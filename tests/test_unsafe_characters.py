"""Content must never send escape sequences to a terminal, and neither may our messages."""

from __future__ import annotations

import re

import pytest
from guide_text import MINIMAL_TEXT, col_of, edit, insert_after, line_of, only_problem, problems_of

from leakguide.cli import main
from leakguide.content.problems import Problem
from leakguide.content.schema import Checker, Field
from leakguide.content.sourcemap import SourceMap
from leakguide.content.unsafe import (
    UNSAFE_CODE_POINTS,
    character_class,
    is_safe,
    printable,
    remove_unsafe,
    safe_text,
)

# Anything a terminal could act on, or that reorders or breaks a printed line.
RAW_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

UNSAFE = {
    "NUL": "\\u0000",
    "BEL": "\\u0007",
    "BS": "\\b",
    "VT": "\\u000b",
    "FF": "\\f",
    "CR": "\\r",
    "ESC": "\\u001b",
    "ESC-toml-1.1-e": "\\e",
    "ESC-toml-1.1-x": "\\x1b",
    "US": "\\u001f",
    "DEL": "\\u007f",
    "PAD": "\\u0080",
    "NEL": "\\u0085",
    "CSI": "\\u009b",
    "APC": "\\u009f",
    "LRE": "\\u202a",
    "RLE": "\\u202b",
    "PDF": "\\u202c",
    "LRO": "\\u202d",
    "RLO": "\\u202e",
    "LRI": "\\u2066",
    "RLI": "\\u2067",
    "FSI": "\\u2068",
    "PDI": "\\u2069",
}


def _code(escape: str) -> str:
    named = {"\\b": 0x08, "\\f": 0x0C, "\\r": 0x0D, "\\e": 0x1B, "\\x1b": 0x1B}
    return f"U+{named.get(escape) or int(escape[2:], 16):04X}"


@pytest.mark.parametrize("escape", list(UNSAFE.values()), ids=list(UNSAFE))
def test_unsafe_character_in_a_string(escape):
    text = edit(('title = "Breast pads"', f'title = "Breast{escape}pads"'))
    problem = only_problem(text)
    code = _code(escape)
    why = ("it could make the text read in another order" if int(code[2:], 16) >= 0x2000
           else "content must not be able to send escape sequences to a terminal")
    kind = "bidirectional" if "order" in why else "control"
    assert problem.message == (
        f'[topic "pads"].title: contains the {kind} character {code}; delete it: {why}')
    assert (problem.line, problem.col) == (line_of(text, "title = \"Breast\\"),
                                           len('title = "Breast') + 1)


@pytest.mark.parametrize(
    ("old", "new", "key_path", "written"),
    [
        ('keywords = ["letdown", "dripping"]', 'keywords = ["letdown", "drip\\u001b[2Jping"]',
         '[topic "let-down"].keywords[1]', "\\u001b"),
        ('get_help_if = ["Feeding hurts."]', 'get_help_if = ["Feeding\\u202ehurts."]',
         'flow[outcome "talk"].get_help_if[0]', "\\u202e"),
        ('label = "None of these"', 'label = "None \\u009b31m"',
         'flow[question "red-flags"][answer "none"].label', "\\u009b"),
        ('description = "Call emergency services now."', 'description = "Call\\u0007"',
         "urgency.emergency.description", "\\u0007"),
        ('disclaimer = "Not medical advice."', 'disclaimer = """Not\n\\u001b]0;owned\\u0007"""',
         "guide.disclaimer", "\\u001b"),
        ("Change pads when they are wet.", "Change pads\\u2066 when they are wet.",
         '[topic "pads"].body', "\\u2066"),
        ("A hormone makes the breast squeeze milk out.", "A hormone \u202e raw bidi.",
         '[topic "let-down"].body', "\u202e"),
    ],
    ids=["array-item", "bidi-in-array", "c1-csi", "bell", "osc-in-multiline", "isolate",
         "raw-bidi-in-body"],
)
def test_unsafe_characters_anywhere_name_the_key_path(old, new, key_path, written):
    """The key path names the value; the line and column point at the character, written
    itself or as an escape: an invisible one cannot be found from the key's line alone."""
    text = edit((old, new))
    problem = only_problem(text)
    assert re.match(rf"{re.escape(key_path)}: contains the (control|bidirectional) character "
                    r"U\+[0-9A-F]{4}(?: \(written as a character reference\))?; delete it: ",
                    problem.message)
    assert (problem.line, problem.col) == (line_of(text, written), col_of(text, written))


def test_tab_and_newline_are_allowed():
    text = edit(('title = "Breast pads"', 'title = "Breast\\tpads"'),
                ('body = "Change pads when they are wet."', 'body = "Change\\npads."'))
    assert problems_of(text) == []


@pytest.mark.parametrize("mark", ["\\u200e", "\\u200f", "\\u061c"], ids=["LRM", "RLM", "ALM"])
def test_direction_marks_are_allowed(mark):
    text = edit(('title = "Breast pads"', f'title = "Breast{mark} pads"'))
    assert problems_of(text) == []


def test_the_validator_rejects_exactly_what_the_renderers_strip():
    checker = Checker(SourceMap(""))
    field = Field("title", "text")
    rejected, stripped = set(), set()
    for code in range(0x3000):
        text = f"a{chr(code)}b"
        before = len(checker.problems)
        checker.value(text, field, ("title",))
        if len(checker.problems) > before:
            rejected.add(code)
        removed = [safe_text(text) == "ab", safe_text(text, one_line=True) == "ab",
                   remove_unsafe(text) == "ab", not is_safe(text)]
        assert len(set(removed)) == 1, (hex(code), removed)
        if removed[0]:
            stripped.add(code)
        if removed[0] or code in (0x09, 0x0A):
            assert printable(text) != text, hex(code)  # a problem message shows them escaped
    assert rejected == stripped == {c for c in UNSAFE_CODE_POINTS if c < 0x3000}
    assert {0x1B, 0x9B, 0x0D, 0x202E, 0x2066} <= rejected
    assert not {0x09, 0x0A, 0x200E, 0x200F, 0x061C} & rejected


def test_raw_control_character_is_a_syntax_error_shown_escaped():
    text = edit(('title = "Breast pads"', 'title = "Breast\x1b[31mpads"'))
    problem = only_problem(text)
    assert problem.message.startswith("TOML syntax: ")
    assert (problem.line, problem.col) == (line_of(text, "Breast"), col_of(text, "\x1b"))
    assert not RAW_UNSAFE.search(problem.render("guide.toml"))


# -- messages that echo content -------------------------------------------------------------


def test_key_with_an_escape_sequence_is_printed_escaped():
    text = insert_after("[flow]", '"\\u001b[31m" = 1\n')
    problem = only_problem(text)
    assert problem.message.startswith("flow.\\x1b[31m: unknown key `\\x1b[31m`")
    assert problem.line == line_of(text, '"\\u001b[31m"')
    assert "\x1b" not in problem.render("guide.toml")


def test_label_key_with_bidi_override_is_printed_escaped():
    text = edit(("[labels.tcm]", '[labels."tcm\\u202e"]'))
    problem = only_problem(text)
    assert problem.message == (
        "labels.tcm\\u202e: `tcm\\u202e` is not a kebab-case id (lowercase letters, digits, -)"
    )
    assert problem.line == line_of(text, '[labels."tcm')


def test_id_with_escape_is_escaped_in_every_key_path():
    text = edit(('id = "pads"', 'id = "pa\\u001bds"'), ('title = "Breast pads"', 'title = ""'))
    messages = [p.message for p in problems_of(text)]
    assert '[topic "pa\\x1bds"].id: contains the control character U+001B; delete it: ' \
        "content must not be able to send escape sequences to a terminal" in messages
    assert '[topic "pa\\x1bds"].title: must not be empty' in messages


def test_value_with_newline_in_an_id_stays_on_one_line():
    text = edit(('section = "help"', 'section = "he\\nlp"'))
    problem = only_problem(text)
    assert problem.message == (
        '[topic "pads"].section: `he\\x0alp` is not a kebab-case id (lowercase letters, digits, -)'
    )
    assert "\n" not in problem.render("guide.toml")


def test_check_output_has_no_raw_control_characters(tmp_path, capsys):
    hostile = insert_after("[flow]", '"\\u001b]52;c;aGk=\\u0007" = 1\n"\\u202egnp.exe" = 2\n',
                           text=MINIMAL_TEXT)
    path = tmp_path / "evil\x1b[2Jname.toml"
    path.write_text(hostile, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 3  # two problems and the count, one line each
    assert not RAW_UNSAFE.search(out)
    assert "evil\\x1b[2Jname.toml" in out


# -- the helper -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, café, 中文", "plain text, café, 中文"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("tab\there", "tab\\x09here"),
        ("line\nbreak\r", "line\\x0abreak\\x0d"),
        ("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b"),
        ("\u202eabc\u2066", "\\u202eabc\\u2066"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("bad\udcff.toml", "bad\\udcff.toml"),
    ],
    ids=["plain", "esc", "tab", "newlines", "c0-del-c1", "bidi", "separators", "surrogate"],
)
def test_printable(raw, shown):
    assert printable(raw) == shown


def test_problem_escapes_message_key_path_and_file_name():
    problem = Problem(3, 4, "error", "bad `\x1b[1m`", "a.\x9bb")
    assert problem.message == "bad `\\x1b[1m`"
    assert problem.key_path == "a.\\x9bb"
    assert problem.render("x\x07.toml") == "x\\x07.toml:3:4: error: bad `\\x1b[1m`"
    assert Problem(0, 0, "error", "m", "k\x1b").render("f") == "f: error: k\\x1b: m"


@pytest.mark.parametrize("code_points", [
    UNSAFE_CODE_POINTS,
    UNSAFE_CODE_POINTS | {0x09, 0x0A, 0x2028, 0x2029, *range(0xD800, 0xE000)},
    {ord(c) for c in "-]^\\[.a"},  # characters with a meaning inside a class
    {0x00, 0x10FFFF},
], ids=["unsafe", "unprintable", "class-syntax", "ends"])
def test_character_class_matches_exactly_its_code_points(code_points):
    pattern = re.compile(character_class(code_points))
    for code in [*range(0x3000), *range(0xD700, 0xE100), *range(0x10FF00, 0x110000)]:
        assert (pattern.fullmatch(chr(code)) is not None) == (code in code_points), hex(code)
