"""Duplicate ids and references that point nowhere, including `topic:` links inside bodies."""

from __future__ import annotations

import pytest
from guide_text import MINIMAL_TEXT, col_of, edit, line_of, only_problem, problems_of

# -- duplicate ids --------------------------------------------------------------------------

ANOTHER_NHS = (
    '\n[[source]]\nid = "nhs"\ntitle = "Again"\npublisher = "NHS"\nurl = "https://nhs.uk/"\n'
)


@pytest.mark.parametrize(
    ("replacements", "duplicate_id", "expected"),
    [
        ([('url = "https://www.nhs.uk/conditions/mastitis/"\n',
           'url = "https://www.nhs.uk/conditions/mastitis/"\n' + ANOTHER_NHS)],
         "nhs", '[source "nhs"].id: duplicate source id `nhs`'),
        ([('id = "help"', 'id = "why"')], "why", '[section "why"].id: duplicate section id `why`'),
        ([('id = "triggers"', 'id = "pads"')], "pads",
         '[topic "pads"].id: duplicate topic id `pads`'),
        ([('id = "when"', 'id = "red-flags"')], "red-flags",
         'flow[question "red-flags"].id: duplicate question id `red-flags`'),
        ([('id = "always"', 'id = "feeds"')], "feeds",
         'flow[question "when"][answer "feeds"].id: duplicate answer id `feeds`'),
        ([('id = "talk"', 'id = "normal"'), ('outcome = "talk"', 'outcome = "normal"')],
         "normal", 'flow[outcome "normal"].id: duplicate outcome id `normal`'),
    ],
    ids=["source", "section", "topic", "question", "answer", "outcome"],
)
def test_duplicate_id(replacements, duplicate_id, expected):
    text = edit(*replacements)
    id_line = f'id = "{duplicate_id}"'
    duplicates = [p for p in problems_of(text) if "duplicate" in p.message]
    assert [p.message for p in duplicates] == [
        f"{expected} (first defined on line {line_of(text, id_line)})"
    ]
    # The later definition is the duplicate, and the problem points at its id.
    assert (duplicates[0].line, duplicates[0].col) == (line_of(text, id_line, nth=2), 1)


def test_same_answer_id_in_two_questions_is_fine():
    text = edit(('id = "feeds"', 'id = "none"'))
    assert problems_of(text) == []


# -- references -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('section = "help"', 'section = "helps"',
         '[topic "pads"].section: unknown section `helps` (did you mean `help`?)'),
        ('parent = "let-down"', 'parent = "letdown"',
         '[topic "triggers"].parent: unknown parent topic `letdown` (did you mean `let-down`?)'),
        ('see_also = ["let-down"]', 'see_also = ["let-down", "triggerz"]',
         '[topic "pads"].see_also[1]: unknown topic `triggerz` (did you mean `triggers`?)'),
        ('body = "Hearing a baby cry can start it."\nevidence = "clinical"\nsources = ["nhs"]',
         'body = "Hearing a baby cry can start it."\nevidence = "clinical"\nsources = ["who"]',
         '[topic "triggers"].sources[0]: unknown source `who`'),
        ('kind = "remedy"\nsummary = "Pads catch the drips."\nbody = "Change pads when they are '
         'wet."\nevidence = "clinical"',
         'kind = "remedy"\nsummary = "Pads catch the drips."\nbody = "Change pads when they are '
         'wet."\nevidence = "clinicl"',
         '[topic "pads"].evidence: unknown evidence label `clinicl` (did you mean `clinical`?)'),
        ('recommend = ["pads"]', 'recommend = ["pad"]',
         'flow[outcome "normal"].recommend[0]: unknown topic `pad` (did you mean `pads`?)'),
        ('next = "when"', 'next = "where"',
         'flow[question "red-flags"][answer "none"].next: unknown question `where` '
         '(did you mean `when`?)'),
        ('outcome = "talk"', 'outcome = "talks"',
         'flow[question "when"][answer "always"].outcome: unknown outcome `talks` '
         '(did you mean `talk`?)'),
        ('start = "emergency"', 'start = "emergncy"',
         'flow.start: unknown start question `emergncy` (did you mean `emergency`?)'),
        ('urgency = "talk-soon"', 'urgency = "soon"',
         'flow[outcome "talk"].urgency: unknown urgency `soon` (did you mean `talk-soon`?)'),
        ('get_help_if = ["Feeding hurts."]\nsources = ["nhs"]',
         'get_help_if = ["Feeding hurts."]\nsources = ["nhs", "nice"]',
         'flow[outcome "talk"].sources[1]: unknown source `nice`'),
        ('urgency = "talk-soon"\nevidence = "clinical"',
         'urgency = "talk-soon"\nevidence = "clinicl"',
         'flow[outcome "talk"].evidence: unknown evidence label `clinicl` '
         '(did you mean `clinical`?)'),
    ],
    ids=["section", "parent", "see_also", "sources", "evidence", "recommend", "next",
         "outcome", "start", "urgency", "outcome-sources", "outcome-evidence"],
)
def test_unknown_reference(old, new, expected):
    text = edit((old, new))
    problems = [p for p in problems_of(text) if p.is_error]
    assert [p.message for p in problems][:1] == [expected]
    changed = new.split("\n")[-1] if "\n" in new else new
    assert problems[0].line == line_of(text, changed)


def test_unknown_start_does_not_hide_other_flow_problems():
    text = edit(('start = "emergency"', 'start = "nope"'),
                ('get_help_if = ["Feeding hurts."]\n', ""))
    messages = [p.message for p in problems_of(text)]
    assert messages == [
        "flow.start: unknown start question `nope`",
        'flow[outcome "talk"]: every outcome needs `get_help_if`',
    ]


# -- links inside Markdown bodies -----------------------------------------------------------


def test_link_in_a_multi_line_body_points_at_its_own_line():
    text = edit(("See also [breast pads](topic:pads).", "See also [breast pads](topic:padz)."))
    problem = only_problem(text)
    assert problem.message == (
        '[topic "let-down"].body: link to unknown topic `padz` (did you mean `pads`?)'
    )
    assert (problem.line, problem.col) == (line_of(text, "topic:padz"), col_of(text, "topic:padz"))
    assert problem.line == line_of(text, 'body = """') + 3


def test_link_in_a_one_line_body():
    text = edit(("Leaking is common. [Pads](topic:pads) help.",
                 "Leaking is common. [Pads](topic:nappies) help."))
    problem = only_problem(text)
    assert problem.message == 'flow[outcome "normal"].body: link to unknown topic `nappies`'
    assert (problem.line, problem.col) == (
        line_of(text, "topic:nappies"), col_of(text, "topic:nappies")
    )


def test_links_after_escapes_keep_their_column():
    body = 'body = "Caf\\u00e9 \\"tips\\": [x](topic:nowhere)"'
    text = edit(('body = "Hearing a baby cry can start it."', body))
    problem = only_problem(text)
    assert (problem.line, problem.col) == (line_of(text, body), col_of(text, "topic:nowhere"))


def test_link_on_the_opening_line_of_a_multi_line_string():
    text = edit(('body = "Change pads when they are wet."',
                 'body = """Change [pads](topic:one) when\nwet, see [this](topic:two)."""'))
    problems = problems_of(text)
    assert [(p.line, p.col) for p in problems] == [
        (line_of(text, "topic:one"), col_of(text, "topic:one")),
        (line_of(text, "topic:two"), col_of(text, "topic:two")),
    ]
    assert problems[0].line + 1 == problems[1].line


def test_same_target_twice_is_reported_at_each_link():
    text = edit(("A hormone makes the breast squeeze milk out.",
                 "A [hormone](topic:oxytocin) and\nanother [one](topic:oxytocin)."))
    problems = problems_of(text)
    assert [p.line for p in problems] == [
        line_of(text, "topic:oxytocin"), line_of(text, "topic:oxytocin", nth=2)
    ]


def test_link_with_empty_topic():
    text = edit(("[breast pads](topic:pads)", "[breast pads](topic:)"))
    problem = only_problem(text)
    assert problem.message == '[topic "let-down"].body: link `topic:` names no topic'
    assert problem.line == line_of(text, "topic:)")


def test_reference_style_and_autolinks_are_checked_too():
    text = edit(("See also [breast pads](topic:pads).",
                 "See also [breast pads][p] and <topic:auto>.\n\n[p]: topic:refdef"))
    problems = problems_of(text)
    assert [(p.message.split(": ", 1)[1], p.line) for p in problems] == [
        ("link to unknown topic `auto`", line_of(text, "topic:auto")),
        ("link to unknown topic `refdef`", line_of(text, "topic:refdef")),
    ]


def test_links_spelled_with_character_references_or_escapes_are_checked():
    text = edit(("See also [breast pads](topic:pads).",
                 "See [a](&#116;opic:ent) and [b](topic\\\\:esc)."))
    problems = problems_of(text)
    assert [p.message.split(": ", 1)[1] for p in problems] == [
        "link to unknown topic `ent`", "link to unknown topic `esc`"
    ]
    assert {p.line for p in problems} == {line_of(text, "opic:ent")}


def test_topic_scheme_in_capitals_is_an_error():
    text = edit(("See also [breast pads](topic:pads).", "See also [breast pads](Topic:pads)."))
    problem = only_problem(text)
    assert problem.message == (
        '[topic "let-down"].body: write the link `Topic:pads` with a lowercase `topic:`'
    )
    assert (problem.line, problem.col) == (line_of(text, "Topic:pads"), col_of(text, "Topic:pads"))


def test_text_that_only_looks_like_a_link_is_not_checked():
    text = edit(("See also [breast pads](topic:pads).",
                 "Code: `[x](topic:nope)` and\n\n    [y](topic:indented-code)\n"))
    assert problems_of(text) == []


def test_web_links_are_not_topic_links():
    text = edit(("See also [breast pads](topic:pads).", "See [the NHS](https://www.nhs.uk/)."))
    assert problems_of(text) == []


def test_links_in_crlf_files_keep_their_line():
    text = edit(("See also [breast pads](topic:pads).", "See also [breast pads](topic:padz).")
                ).replace("\n", "\r\n")
    problem = only_problem(text)
    assert problem.line == line_of(text, "topic:padz")


def test_minimal_has_no_dangling_links():
    assert all("link" not in p.message for p in problems_of(MINIMAL_TEXT))
