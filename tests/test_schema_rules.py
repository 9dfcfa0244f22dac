"""Schema problems: syntax, unknown keys, types, required keys, empty strings, ids, format."""

from __future__ import annotations

import pytest
from guide_text import (
    MINIMAL_TEXT,
    col_of,
    edit,
    insert_after,
    line_of,
    only_problem,
    problems_of,
    the_problem,
)

from leakguide.content import load_guide_text


def test_minimal_text_is_clean():
    assert problems_of(MINIMAL_TEXT) == []


# -- TOML syntax ----------------------------------------------------------------------------


def test_syntax_error_has_tomli_line_and_column():
    text = edit(('title = "Test guide"', 'title = "Test guide'))
    problem = only_problem(text)
    assert problem.message.startswith("TOML syntax: ")
    assert problem.line == line_of(text, 'title = "Test guide')
    assert problem.col == len('title = "Test guide') + 1


def test_syntax_error_duplicate_key_points_at_the_second():
    text = insert_after('language = "en"', 'language = "de"\n')
    problem = only_problem(text)
    assert problem.render("g.toml").startswith(
        f"g.toml:{line_of(text, 'language = ' + chr(34) + 'de')}:"
    )
    assert "TOML syntax" in problem.message


def test_syntax_error_deep_in_file():
    text = edit(('recommend = ["pads"]', 'recommend = ["pads",, ]'))
    problem = only_problem(text)
    assert (problem.line, problem.col) == (line_of(text, ",, ]"), col_of(text, ",, ]") + 1)


# -- unknown keys ---------------------------------------------------------------------------


def test_unknown_key_suggests_the_near_name():
    text = edit(('title = "Test guide"', 'titel = "Test guide"'))
    problem = the_problem(text, "unknown key `titel`")
    assert "(did you mean `title`?)" in problem.message
    assert problem.message.startswith("guide.titel: ")
    assert (problem.line, problem.col) == (line_of(text, "titel"), 1)
    # ...and the key the author meant is missing, reported on the table's header.
    missing = the_problem(text, "missing required key `title`")
    assert missing.line == line_of(text, "[guide]")


def test_unknown_key_in_an_array_of_tables_names_the_item():
    text = edit(('see_also = ["let-down"]', 'see_aslo = ["let-down"]'))
    problem = only_problem(text)
    assert problem.message.startswith('[topic "pads"].see_aslo: unknown key `see_aslo`')
    assert "(did you mean `see_also`?)" in problem.message
    assert problem.line == line_of(text, "see_aslo")


def test_unknown_key_without_a_near_name_lists_the_allowed_ones():
    text = insert_after("[flow]", 'colour = "red"\n')
    problem = only_problem(text)
    assert "did you mean" not in problem.message
    assert "allowed here: title, intro, start, question, outcome" in problem.message
    assert problem.line == line_of(text, "colour")


def test_unknown_top_level_table():
    text = MINIMAL_TEXT + '\n[extras]\nnote = "x"\n'
    problem = only_problem(text)
    assert "unknown key `extras`" in problem.message
    assert problem.line == line_of(text, "[extras]")


def test_unknown_key_in_a_nested_answer():
    text = edit(('label = "During feeds"', 'lable = "During feeds"'))
    problem = the_problem(text, "unknown key `lable`")
    assert problem.message.startswith('flow[question "when"][answer "feeds"].lable')
    assert "(did you mean `label`?)" in problem.message
    assert problem.line == line_of(text, "lable")


# -- wrong types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        ("reviewed = 2026-11-01", 'reviewed = "2026-11-01"', "reviewed",
         "guide.reviewed: expected a date such as 2026-01-31, found a string"),
        ("reviewed = 2026-11-01", "reviewed = 2026-11-01T10:00:00", "reviewed",
         "guide.reviewed: expected a date such as 2026-01-31, found a date-time"),
        ("format = 1", 'format = "1"', "format", "format: expected an integer, found a string"),
        ("format = 1", "format = true", "format", "format: expected an integer, found a boolean"),
        ('red_flags = true\nscreen = "warning-signs"',
         'red_flags = "yes"\nscreen = "warning-signs"', 'red_flags = "yes"',
         'flow[question "red-flags"].red_flags: expected true or false, found a string'),
        ('title = "Breast pads"', "title = 3.5", "title = 3.5",
         '[topic "pads"].title: expected a string, found a float'),
        ('see_also = ["let-down"]', 'see_also = "let-down"', "see_also",
         '[topic "pads"].see_also: expected an array of id strings, found a string'),
        ('get_help_if = ["Feeding hurts."]', "get_help_if = { a = 1 }", "get_help_if = {",
         'flow[outcome "talk"].get_help_if: expected an array of strings, found a table'),
        ('[labels.clinical]\nname = "Clinical guidance"', '[labels.clinical]\nname = 12:00:00',
         "name = 12:00:00", "labels.clinical.name: expected a string, found a time"),
    ],
    ids=["date-string", "date-time", "format-string", "format-bool", "bool-string",
         "string-float", "refs-string", "texts-table", "string-time"],
)
def test_wrong_type(old, new, needle, expected):
    text = edit((old, new))
    problem = the_problem(text, "expected")
    assert problem.message == expected
    assert problem.line == line_of(text, needle)


def test_wrong_type_inside_an_array_points_at_the_item():
    text = edit(('keywords = ["letdown", "dripping"]', 'keywords = ["letdown", 3]'))
    problem = only_problem(text)
    assert problem.message == '[topic "let-down"].keywords[1]: expected a string, found an integer'
    assert (problem.line, problem.col) == (line_of(text, "keywords"), col_of(text, "3]"))


def test_table_where_an_array_of_tables_belongs():
    text = edit(("[[source]]", "[source]"))
    problem = the_problem(text, "source:")
    assert problem.message == "source: expected an array of tables ([[...]]), found a table"
    assert problem.line == line_of(text, "[source]")


def test_array_of_tables_where_a_table_belongs():
    text = edit(("[guide]", "[[guide]]"))
    problem = the_problem(text, "guide:")
    assert problem.message == "guide: expected a table, found an array"
    assert problem.line == line_of(text, "[[guide]]")


# -- missing and empty ----------------------------------------------------------------------


def test_missing_required_key_is_reported_on_the_table_header():
    text = edit(('summary = "Pads catch the drips."\n', ""))
    problem = only_problem(text)
    assert problem.message == '[topic "pads"]: missing required key `summary`'
    assert problem.line == line_of(text, "[[topic]]", nth=3)


def test_missing_required_top_level_keys():
    text = edit(("format = 1\n", ""))
    problem = only_problem(text)
    assert problem.message == "missing required key `format`"
    assert (problem.line, problem.col) == (1, 1)


def test_missing_flow_table():
    text = MINIMAL_TEXT[: MINIMAL_TEXT.index("[flow]")]
    messages = [p.message for p in problems_of(text)]
    assert "missing required key `flow`" in messages


@pytest.mark.parametrize("empty", ['""', '"   "', "''", '"""\n"""'])
def test_empty_string(empty):
    text = edit(('title = "What sets it off"', f"title = {empty}"))
    problem = only_problem(text)
    assert problem.message == '[topic "triggers"].title: must not be empty'
    assert problem.line == line_of(text, "title = " + empty.split("\n")[0])


def test_empty_string_in_an_array():
    text = edit(('get_help_if = ["You get a fever."]', 'get_help_if = ["You get a fever.", " "]'))
    problem = only_problem(text)
    assert problem.message == 'flow[outcome "normal"].get_help_if[1]: must not be empty'
    assert (problem.line, problem.col) == (line_of(text, '" "]'), col_of(text, '" "]'))


# -- ids and format -------------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["Pads", "breast_pads", "pads-", "-pads", "a--b", "pads 2"])
def test_ids_must_be_kebab_case(bad_id):
    text = edit(('id = "pads"', f'id = "{bad_id}"'))
    problem = the_problem(text, "kebab-case")
    assert problem.message.endswith(
        f"`{bad_id}` is not a kebab-case id (lowercase letters, digits, -)"
    )
    assert problem.line == line_of(text, f'id = "{bad_id}"')


def test_label_keys_must_be_kebab_case():
    text = edit(("[labels.tcm]", "[labels.TCM]"))
    problem = only_problem(text)
    assert problem.message == (
        "labels.TCM: `TCM` is not a kebab-case id (lowercase letters, digits, -)"
    )
    assert problem.line == line_of(text, "[labels.TCM]")


def test_references_must_be_kebab_case_and_are_reported_once():
    text = edit(('next = "when"', 'next = "When"'))
    problem = only_problem(text)
    assert problem.message.endswith("`When` is not a kebab-case id (lowercase letters, digits, -)")
    assert problem.line == line_of(text, 'next = "When"')


def test_unsupported_format():
    text = edit(("format = 1", "format = 2"))
    problem = only_problem(text)
    assert problem.message == "format: unsupported format 2; supported: 1"
    assert (problem.line, problem.col) == (1, 1)


def test_urls_must_be_http():
    text = edit(('url = "https://www.nhs.uk/conditions/mastitis/"', 'url = "ftp://nhs.uk/x"'))
    problem = only_problem(text)
    assert problem.message == '[source "nhs"].url: `ftp://nhs.uk/x` is not an http(s) URL'
    assert problem.line == line_of(text, "url = ")


def test_unknown_topic_kind():
    text = edit(('kind = "remedy"', 'kind = "cure"'))
    problem = only_problem(text)
    assert problem.message.startswith('[topic "pads"].kind: unknown topic kind `cure`; kinds are ')
    assert problem.line == line_of(text, 'kind = "cure"')


def test_unknown_urgency_level():
    text = edit(("[urgency.talk-soon]", "[urgency.later]"))
    messages = {p.message: p.line for p in problems_of(text)}
    assert messages["urgency.later: unknown urgency level `later`; the levels are "
                    "self-care, talk-soon, urgent, urgent-now, emergency"
                    ] == line_of(text, "[urgency.later]")
    assert messages["urgency: missing urgency level `talk-soon`"] == line_of(text, "[urgency.")


def test_the_now_level_is_optional_until_an_outcome_uses_it():
    assert problems_of(MINIMAL_TEXT) == []  # defines four levels, not `urgent-now`
    text = edit(('urgency = "talk-soon"', 'urgency = "urgent-now"'))
    assert any("urgent-now" in p.message for p in problems_of(text))


def test_topic_needs_section_or_parent():
    text = edit(('section = "help"\n', ""))
    problem = only_problem(text)
    assert problem.message == '[topic "pads"]: topic `pads` needs a `section` or a `parent`'
    assert problem.line == line_of(text, "[[topic]]", nth=3)


def test_topic_with_both_section_and_parent():
    text = edit(('parent = "let-down"', 'parent = "let-down"\nsection = "why"'))
    problem = only_problem(text)
    assert problem.message == (
        '[topic "triggers"].parent: give either `section` or `parent`, not both'
    )
    assert problem.line == line_of(text, 'parent = "let-down"')


@pytest.mark.parametrize(
    ("old", "new"),
    [('next = "when"', 'next = "when"\noutcome = "normal"'), ('next = "when"\n', "")],
    ids=["both", "neither"],
)
def test_answer_needs_exactly_one_target(old, new):
    text = edit((old, new))
    problem = the_problem(text, "exactly one")
    assert problem.message == (
        'flow[question "red-flags"][answer "none"]: an answer needs exactly one of `next` or '
        "`outcome`"
    )
    assert problem.line == line_of(text, 'id = "none"') - 1  # the answer's header


def test_a_guide_with_only_a_format_reports_every_missing_table():
    result = load_guide_text("format = 1\n", "g.toml")
    missing = sorted(p.message for p in result.problems)
    assert missing == [
        f"missing required key `{key}`"
        for key in sorted(["guide", "labels", "urgency", "source", "section", "topic", "flow"])
    ]
