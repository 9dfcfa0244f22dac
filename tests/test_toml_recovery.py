"""For authors: every TOML syntax error at once, one per table, and never one that the search
for the next error made up."""

from __future__ import annotations

import random
import re

import pytest
from conftest import BUNDLED_GUIDE
from guide_text import line_of, problems_of

from leakguide.cli import main
from leakguide.content.toml_recovery import MAX_SYNTAX_ERRORS, header_lines

GUIDE_LINES = BUNDLED_GUIDE.read_text(encoding="utf-8").split("\n")


def _text(lines: list[str]) -> str:
    return "\n".join(lines)


def _changed(lines: list[str], index: int, new: str) -> list[str]:
    return lines[:index] + [new] + lines[index + 1:]


# Mistakes an author makes on one line, each its own kind of TOML syntax error.
MISTAKES = {
    "unclosed quote": (r'[a-z_]+ = ".*[^"]"$', lambda line: line[:-1]),
    "no equals sign": (r'[a-z_]+ = ".*"$', lambda line: line.replace(" = ", " ", 1)),
    "words after the value": (r'[a-z_]+ = ".*"$', lambda line: line + " and more"),
    "text without quotes": (r'[a-z_]+ = "[^"]*"$', lambda line: line.replace('"', "")),
    "unclosed list": (r'[a-z_-]+ = \[".*"\]$', lambda line: line[:-1]),
    "no comma in a list": (r'[a-z_-]+ = \[".*"\]$', lambda line: line[:-1] + ' "x"]'),
    "unclosed header": (r"\[\[?[a-z.]+(?:\.zh-CN)?\]\]?$", lambda line: line[:-1]),
    "header twice": (r"\[[a-z.]+\.zh-CN\]$", lambda line: line),  # made twice below
}


def _mistakes(seed: int, each: int) -> list[tuple[str, int, list[str]]]:
    """(kind, 0-based line, the guide's lines with that one mistake), `each` of every kind."""
    rng = random.Random(seed)
    made = []
    for kind, (pattern, mistake) in MISTAKES.items():
        # Not a `key = """` line: "words after" it would only start the string with them.
        where = [index for index, line in enumerate(GUIDE_LINES) if re.fullmatch(pattern, line)
                 and index not in _BODY_LINES and not line.endswith('"""')]
        for index in rng.sample(where, each):
            if kind == "header twice":
                lines = GUIDE_LINES[:index + 1] + ['from = "x"', GUIDE_LINES[index]] \
                    + GUIDE_LINES[index + 1:]
            else:
                lines = _changed(GUIDE_LINES, index, mistake(GUIDE_LINES[index]))
            made.append((kind, index, lines))
    return made


_BODY_LINES = set(range(len(GUIDE_LINES))) - set(header_lines(GUIDE_LINES) or []) - {
    index for index, line in enumerate(GUIDE_LINES) if re.match(r"[a-z_-]+ = ", line)}


def test_the_bundled_guide_headers_are_found():
    headers = header_lines(GUIDE_LINES)
    assert headers is not None
    assert [GUIDE_LINES[index] for index in headers] == [
        line for line in GUIDE_LINES if re.fullmatch(r"\[\[?[a-z.-]+(?:\.zh-CN)?\]\]?", line)]


@pytest.mark.parametrize(("kind", "index", "lines"), _mistakes(seed=1, each=4),
                         ids=lambda value: value if isinstance(value, str) else "")
def test_one_mistake_is_one_error(kind, index, lines):
    problems = problems_of(_text(lines))
    assert len(problems) == 1, [p.render("g") for p in problems]
    assert problems[0].message.startswith("TOML syntax: ")
    assert index + 1 <= problems[0].line <= index + 4


def test_mistakes_in_different_tables_are_each_reported_once():
    """Two mistakes far apart give exactly the errors each gives alone: none lost, none
    made up by blanking the first one's table."""
    made = _mistakes(seed=2, each=3)
    alone = {(kind, index): problems_of(_text(lines)) for kind, index, lines in made
             if kind != "header twice"}
    rng = random.Random(3)
    pairs = 0
    while pairs < 40:
        (kind_a, a), (kind_b, b) = sorted(rng.sample(sorted(alone), 2), key=lambda m: m[1])
        if sum(line.startswith("[[") for line in GUIDE_LINES[a + 1:b]) < 2:
            continue
        lines = _changed(GUIDE_LINES, a, MISTAKES[kind_a][1](GUIDE_LINES[a]))
        lines = _changed(lines, b, MISTAKES[kind_b][1](GUIDE_LINES[b]))
        both = problems_of(_text(lines))
        assert both == alone[kind_a, a] + alone[kind_b, b], (kind_a, a, kind_b, b)
        pairs += 1


def test_an_unclosed_multiline_string_stops_the_search():
    """A `\"\"\"` left open turns the text after it inside out: what is a string and what is
    TOML can no longer be told, so the search stops at the first error."""
    closes = [index for index, line in enumerate(GUIDE_LINES)
              if line.endswith('"""') and " = " not in line]
    lines = list(GUIDE_LINES)
    for index in (closes[3], closes[40]):
        lines[index] = lines[index][:-3]
    assert len(problems_of(_text(lines))) == 1


def test_a_broken_header_takes_its_translation_with_it():
    """`[topic.zh-CN]` under a broken `[[topic]]` would join the topic above, whose own
    translation is already there: that is not a second error of the author's."""
    index = GUIDE_LINES.index("[[topic]]", 1000)
    after = GUIDE_LINES[index + 1:]
    assert after.index("[topic.zh-CN]") < after.index("[[topic]]")
    before = GUIDE_LINES[:index]
    assert before[::-1].index("[topic.zh-CN]") < before[::-1].index("[[topic]]")
    problems = problems_of(_text(_changed(GUIDE_LINES, index, "[[topic]")))
    assert [(p.line, p.message) for p in problems] == [
        (index + 1, "TOML syntax: an [[array]] header needs its closing `]]`")]


def test_after_fifty_the_rest_are_counted_as_more():
    titles = [index for index, line in enumerate(GUIDE_LINES) if line.startswith('title = "')]
    lines = list(GUIDE_LINES)
    for index in titles[:MAX_SYNTAX_ERRORS + 5]:
        lines[index] = lines[index][:-1]
    problems = problems_of(_text(lines))
    assert len(problems) == MAX_SYNTAX_ERRORS + 1
    assert [p.line for p in problems[:-1]] == [index + 1 for index in titles[:MAX_SYNTAX_ERRORS]]
    assert problems[-1].line == titles[MAX_SYNTAX_ERRORS] + 1
    assert problems[-1].message == (
        f"TOML syntax: more errors from here on; {MAX_SYNTAX_ERRORS} are reported above: "
        "fix them and check again")


def test_check_reports_every_syntax_error_and_says_the_rest_wait(tmp_path, capsys):
    text = BUNDLED_GUIDE.read_text(encoding="utf-8")
    first = 'title = "Spontaneous Flow of Milk"'
    second = 'title = "Gentle foods for a weak stomach (TCM)"'
    assert text.count(first) == text.count(second) == 1
    text = text.replace(first, first[:-1]).replace(second, second.replace(" = ", " "))
    guide = tmp_path / "guide.toml"
    guide.write_text(text, encoding="utf-8")
    assert main(["check", str(guide)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{guide}:{line_of(text, first[:-1])}:")
    assert "this string runs past the end of the line" in out[0]
    second_line = line_of(text, 'title "Gentle foods')
    assert out[1].startswith(f"{guide}:{second_line}:7: error: ")
    assert "expected `=` after the key" in out[1]
    assert out[2:] == [
        f"{guide}: note: the other checks run once the file reads as TOML without errors",
        f"{guide}: 2 errors, 0 warnings",
    ]
    assert "Traceback" not in "\n".join(out)


def _nth(line: str, n: int = 0) -> int:
    return [index for index, text in enumerate(GUIDE_LINES) if text == line][n]


def _with(*edits: tuple[int, str | None]) -> list[str]:
    """The guide's lines with each (index, new line) made, None deleting the line; from the
    last index up, so that each index is the guide's own."""
    lines = list(GUIDE_LINES)
    for index, new in sorted(edits, reverse=True):
        if new is None:
            del lines[index]
        else:
            lines[index] = new
    return lines


def _summary_line(n: int) -> int:
    return [i for i, line in enumerate(GUIDE_LINES) if line.startswith("summary = ")][n]


@pytest.mark.parametrize("broken", [
    "[[topic]]]", "[[topic] ]", "[ [topic]]", "x[[topic]]", "[[topic}}", "[[toipc]",
    "[[topic.]]", '[[topic]]  id = "x"', None])
def test_a_broken_or_missing_item_header_is_one_error(broken):
    """Found by an author's fuzzing: a broken `[[topic]]` that the search did not take for a
    header left its `[topic.zh-CN]` to the topic before ("declared twice"); a missing one
    moved its keys there."""
    index = _nth("[[topic]]", 3)
    problems = problems_of(_text(_with((index, broken))))
    assert len(problems) == 1, [p.render("g") for p in problems]
    assert index <= problems[0].line <= index + 3


@pytest.mark.parametrize("header", ["[[flow.question]]", "[[flow.question.answer]]"])
@pytest.mark.parametrize("broken", ["{}]", None])
def test_a_broken_or_missing_flow_header_is_one_error(header, broken):
    index = _nth(header)
    problems = problems_of(_text(_with((index, broken and header + "]"))))
    assert len(problems) == 1, [p.render("g") for p in problems]


def test_two_unclosed_strings_that_pair_up_are_not_read_as_tables():
    """The second `\"\"\"` left open closes the first: the text between is read inside out,
    the `[[topic]]` in it inside a string."""
    closes = [index for index, line in enumerate(GUIDE_LINES) if line == '"""']
    first = closes[10]
    second = next(index for index in closes if index > first
                  and "[[topic]]" in GUIDE_LINES[first:index])
    problems = problems_of(_text(_with((first, ""), (second, ""))))
    assert len(problems) == 1, [p.render("g") for p in problems]


def test_crlf_line_endings_find_the_same_errors():
    a, b = _summary_line(5), _summary_line(60)
    lines = _with((a, GUIDE_LINES[a][:-1]), (b, GUIDE_LINES[b][:-1]))
    lf = problems_of(_text(lines))
    assert [p.line for p in lf] == [a + 1, b + 1]
    assert problems_of("\r\n".join(lines)) == lf


def test_a_one_bracket_header_in_a_body_is_text_not_a_header():
    """`[section]` as a line of Markdown in a body is not the one-bracket mistake: the
    error reported is the author's real one."""
    body = _nth('body = """')
    title = [i for i, line in enumerate(GUIDE_LINES) if line.startswith("title = ")][200]
    lines = list(GUIDE_LINES)
    lines[title] = lines[title].replace(" = ", " ", 1)
    lines.insert(body + 2, "[section]")
    problems = problems_of(_text(lines))
    assert [p.line for p in problems] == [title + 2]
    assert problems[0].message.startswith("TOML syntax: expected `=` after the key")


def test_a_key_given_twice_is_named_even_after_a_line_separator_in_a_string():
    """U+2028 is allowed in a TOML string; counting it as a line break named the wrong key."""
    summary = _summary_line(3)
    lines = list(GUIDE_LINES)
    lines[summary] = lines[summary][:-1] + '\u2028more"'
    section = next(i for i in range(summary, len(lines)) if lines[i].startswith("section = "))
    lines.insert(section + 1, 'id = "again"')
    problems = problems_of(_text(lines))
    assert len(problems) == 1
    assert problems[0].message.startswith("TOML syntax: `id` is given twice"), problems[0]
