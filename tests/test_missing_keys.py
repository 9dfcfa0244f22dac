"""An item missing a required key (or with a wrong value for one) is reported, and the rest of
that item is still checked: one run shows every problem, with no follow-on noise."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from guide_text import edit, header_line, line_of

from leakguide.cli import main
from leakguide.content import load_guide, load_guide_text

MISSING_KEYS = FIXTURES / "bad" / "missing-keys.toml"
ZH_TEXT = (FIXTURES / "zh.toml").read_text(encoding="utf-8")


def _found(text: str, **options) -> list[tuple[int, int, str, str]]:
    result = load_guide_text(text, "g.toml", **options)
    assert result.guide is None
    return [(p.line, p.col, p.severity, p.message) for p in result.problems]


def test_every_item_kind_reports_its_missing_key_and_its_other_problems():
    result = load_guide(MISSING_KEYS)
    assert result.guide is None
    assert [(p.line, p.col, p.severity, p.message) for p in result.problems] == [
        (17, 1, "error", "labels.TCM: `TCM` is not a kebab-case id (lowercase letters, digits, -)"),
        (17, 1, "error", "labels.TCM: missing required key `name`"),
        (25, 1, "error", "urgency.talk-soon: missing required key `marker`"),
        (39, 1, "error", '[source "nhs"]: missing required key `publisher`'),
        (42, 1, "warning", '[source "nhs"].url: use an https:// address, not http: '
                           "`http://www.nhs.uk/conditions/mastitis/`"),
        (48, 1, "error", '[section "help"]: missing required key `title`'),
        (66, 1, "error", '[topic "triggers"]: missing required key `title`'),
        (69, 1, "error", '[topic "triggers"].kind: unknown topic kind `causes`; kinds are info, '
                         "cause, situation, remedy, warning"),
        (71, 53, "error", '[topic "triggers"].body: link to unknown topic `padz` '
                          "(did you mean `pads`?)"),
        (73, 19, "error", '[topic "triggers"].sources[1]: unknown source `who`'),
        (74, 21, "error", '[topic "triggers"].see_also[1]: unknown topic `nope`'),
        (76, 1, "error", '[topic "pads"]: missing required key `summary`'),
        (79, 1, "error", '[topic "pads"].parent: give either `section` or `parent`, not both'),
        (83, 1, "error", '[topic "pads"].evidence: unknown evidence label `clinicl` '
                         "(did you mean `clinical`?)"),
        (91, 1, "error", 'flow[question "emergency"]: missing required key `why`'),
        (97, 1, "error", 'flow[question "emergency"][answer "collapse"]: answer leads to the '
                         "emergency outcome `call-now` and needs a `preview`"),
        (97, 1, "error", 'flow[question "emergency"][answer "collapse"]: missing required key '
                         "`label`"),
        (167, 1, "error", 'flow[outcome "talk"]: missing required key `title`'),
        (171, 41, "error", 'flow[outcome "talk"].body: link to unknown topic `padz` '
                           "(did you mean `pads`?)"),
        (172, 26, "error", 'flow[outcome "talk"].recommend[1]: unknown topic `nope`'),
        (174, 19, "error", 'flow[outcome "talk"].sources[1]: unknown source `who`'),
        (176, 1, "error", 'flow[outcome "see-doctor"]: missing required key `urgency`'),
        (179, 1, "error", 'flow[outcome "see-doctor"].evidence: unknown evidence label '
                          "`clinicl` (did you mean `clinical`?)"),
    ]


def test_check_prints_them_all_and_exits_2(capsys):
    assert main(["check", str(MISSING_KEYS)]) == 2
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert captured.err == ""
    assert lines[-1] == f"{MISSING_KEYS}: 22 errors, 1 warning"
    assert all(line.startswith(f"{MISSING_KEYS}:") and line.split(":")[1].isdigit()
               for line in lines[:-1])


def _case(text: str, *expected: tuple[str | tuple[str, int], int, str]) -> tuple[str, list]:
    """A broken guide and its problems, each as (text that starts its line, or (that text,
    which occurrence), column, message): `[[topic]]\nid = "x"` names a table's header."""
    def line(needle: str | tuple[str, int]) -> int:
        return line_of(text, *needle) if isinstance(needle, tuple) else line_of(text, needle)

    return text, [(line(needle), col, message) for needle, col, message in expected]


_TOPIC_TITLE_KIND_SOURCE = edit(
    ('title = "What sets it off"\nkind = "cause"', 'kind = "warnin"'),
    ('body = "Hearing a baby cry can start it."\nevidence = "clinical"\nsources = ["nhs"]',
     'body = "Hearing a baby cry can start it."\nevidence = "clinical"\n'
     'sources = ["no-such-source"]'),
)
_TOPIC_SUMMARY_PLACE_LINK = edit(
    ('id = "pads"\nsection = "help"\ntitle = "Breast pads"\nkind = "remedy"\n'
     'summary = "Pads catch the drips."\n',
     'id = "pads"\ntitle = "Breast pads"\nkind = "remedy"\n'),
    ('see_also = ["let-down"]', 'see_also = ["let-dwon"]'),
)
_QUESTION_TEXT_SCREEN = edit(
    ('text = "Do you have a fever?"\n', ""),
    ('screen = "fever"', 'screen = "fevr"'),
)
_ANSWER_LABEL_PREVIEW = edit(
    ('label = "Yes: 38 °C or more, or shivers"\noutcome = "see-doctor"\n'
     'preview = "This answer means a doctor should see you today."', 'outcome = "see-doctor"'),
)
_OUTCOME_BODY_EVIDENCE = edit(
    ('evidence = "clinical"\nbody = "Ask for a feeding check."', 'evidence = "clinicl"'),
)
_SOURCE_TITLE_HOST = edit(
    ('title = "Mastitis"\npublisher = "NHS"\nurl = "https://www.nhs.uk/conditions/mastitis/"',
     'publisher = "NHS"\nurl = "https://web.archive.org/web/2020/https://www.nhs.uk/"'),
)
_LABEL_KEY_AND_VALUES = edit(
    ('[labels.tcm]\nname = "Traditional Chinese medicine view"\n'
     'description = "A traditional idea; not proven."\n', '[labels.Tcm]\nname = ""\n'),
)
_TOPIC_TITLE_TYPE = edit(
    ('title = "What sets it off"', "title = 3"),
    ('body = "Hearing a baby cry can start it."', 'body = "See [pads](topic:pdas)."'),
)

_OUTCOME_URGENCY_SOURCE = edit(
    ('urgency = "emergency"\n', ""),
    ('get_help_if = ["Do not wait: call now."]\nsources = ["nhs"]',
     'get_help_if = ["Do not wait: call now."]\nsources = ["who"]'),
)
_TOPIC_NO_ID = edit(
    ('id = "triggers"\n', ""),
    ('kind = "cause"\nsummary = "Crying', 'kind = "causes"\nsummary = "Crying'),
    ('sources = ["nhs"]\n\n[[topic]]\nid = "pads"', 'sources = ["who"]\n\n[[topic]]\nid = "pads"'),
)
_TOPIC_DUPLICATE_ID = edit(
    ('id = "triggers"\n', 'id = "let-down"\n'),
    ('sources = ["nhs"]\n\n[[topic]]\nid = "pads"', 'sources = ["who"]\n\n[[topic]]\nid = "pads"'),
)
_QUESTION_NO_ID = edit(
    ('id = "when"\n', ""),
    ('label = "During feeds"\noutcome = "normal"', 'outcome = "nromal"'),
)
_OUTCOME_NO_ID = edit(
    ('id = "talk"\n', ""),
    ('recommend = ["let-down"]\nget_help_if = ["Feeding hurts."]',
     'recommend = ["let-dwn"]\nget_help_if = ["Feeding hurts."]'),
)

CASES = {
    "topic-title-kind-source": _case(
        _TOPIC_TITLE_KIND_SOURCE,
        ('[[topic]]\nid = "triggers"', 1, '[topic "triggers"]: missing required key `title`'),
        ('kind = "warnin"', 1, '[topic "triggers"].kind: unknown topic kind `warnin`; kinds are '
                               "info, cause, situation, remedy, warning"),
        ('sources = ["no-such-source"]', 12,
         '[topic "triggers"].sources[0]: unknown source `no-such-source`'),
    ),
    "topic-summary-place-link": _case(
        _TOPIC_SUMMARY_PLACE_LINK,
        ('[[topic]]\nid = "pads"', 1, '[topic "pads"]: missing required key `summary`'),
        ('[[topic]]\nid = "pads"', 1, '[topic "pads"]: topic `pads` needs a `section` or a '
                                       "`parent`"),
        ('see_also = ["let-dwon"]', 13,
         '[topic "pads"].see_also[0]: unknown topic `let-dwon` (did you mean `let-down`?)'),
    ),
    "question-text-screen": _case(
        _QUESTION_TEXT_SCREEN,
        ('[[flow.question]]\nid = "temperature"', 1,
         'flow[question "temperature"]: missing required key `text`'),
        ('screen = "fevr"', 1, 'flow[question "temperature"].screen: unknown screen `fevr`; '
                               "screens are emergency, fever, warning-signs"),
    ),
    "answer-label-preview": _case(
        _ANSWER_LABEL_PREVIEW,
        ('[[flow.question.answer]]\nid = "hot"', 1,
         'flow[question "temperature"][answer "hot"]: answer leads to the urgent outcome '
         "`see-doctor` and needs a `preview`"),
        ('[[flow.question.answer]]\nid = "hot"', 1,
         'flow[question "temperature"][answer "hot"]: missing required key `label`'),
    ),
    "outcome-body-evidence": _case(
        _OUTCOME_BODY_EVIDENCE,
        ('[[flow.outcome]]\nid = "talk"', 1, 'flow[outcome "talk"]: missing required key `body`'),
        ('evidence = "clinicl"', 1, 'flow[outcome "talk"].evidence: unknown evidence label '
                                    "`clinicl` (did you mean `clinical`?)"),
    ),
    "source-title-host": _case(
        _SOURCE_TITLE_HOST,
        ('[[source]]', 1, '[source "nhs"]: missing required key `title`'),
        ('url = "https://web', 1, '[source "nhs"].url: `web.archive.org` is an archive, mirror '
                                  "or staging host; cite the publisher's own current page"),
    ),
    "label-key-and-values": _case(
        _LABEL_KEY_AND_VALUES,
        ('[labels.Tcm]', 1, "labels.Tcm: `Tcm` is not a kebab-case id (lowercase letters, "
                            "digits, -)"),
        ('[labels.Tcm]', 1, "labels.Tcm: missing required key `description`"),
        ('name = ""', 1, "labels.Tcm.name: must not be empty"),
    ),
    "topic-title-wrong-type": _case(
        _TOPIC_TITLE_TYPE,
        ("title = 3", 1, '[topic "triggers"].title: expected a string, found an integer'),
        ('body = "See', 20, '[topic "triggers"].body: link to unknown topic `pdas` '
                            "(did you mean `pads`?)"),
    ),
    # Not "no outcome has the emergency level" nor "no answer leads to an emergency outcome":
    # the outcome without an urgency may well be that one.
    "outcome-urgency-source": _case(
        _OUTCOME_URGENCY_SOURCE,
        ('[[flow.outcome]]\nid = "call-now"', 1,
         'flow[outcome "call-now"]: missing required key `urgency`'),
        ('sources = ["who"]', 12, 'flow[outcome "call-now"].sources[0]: unknown source `who`'),
    ),
    # Without an id (or with one taken already) the item is still checked; only what would
    # need its id (references to it, the flow graph, the topic tree) is not.
    "topic-no-id": _case(
        _TOPIC_NO_ID,
        ('[[topic]]\nparent = "let-down"', 1, "topic[1]: missing required key `id`"),
        ('kind = "causes"', 1, "topic[1].kind: unknown topic kind `causes`; kinds are info, "
                               "cause, situation, remedy, warning"),
        ('sources = ["who"]', 12, "topic[1].sources[0]: unknown source `who`"),
    ),
    "topic-duplicate-id": _case(
        _TOPIC_DUPLICATE_ID,
        (('id = "let-down"', 2), 1,
         '[topic "let-down"].id: duplicate topic id `let-down` (first defined on line 54)'),
        ('sources = ["who"]', 12, '[topic "let-down"].sources[0]: unknown source `who`'),
    ),
    "question-no-id": _case(
        _QUESTION_NO_ID,
        # Nothing can lead to a question without an id: a reference meant for it is unknown,
        # with a hint, but nothing "cannot be reached" in the rest of the flow.
        ('next = "when"', 1, 'flow[question "red-flags"][answer "none"].next: unknown question '
                             "`when`; the question on line 147 has no usable id: if it is this "
                             "one, give it this id (further references to `when` are not "
                             "listed)"),
        ('[[flow.question]]\ntext = "When', 1, "flow.question[3]: missing required key `id`"),
        ('[[flow.question.answer]]\nid = "feeds"', 1,
         'flow.question[3][answer "feeds"]: missing required key `label`'),
        ('outcome = "nromal"', 1, 'flow.question[3][answer "feeds"].outcome: unknown outcome '
                                  "`nromal` (did you mean `normal`?)"),
    ),
    "outcome-no-id": _case(
        _OUTCOME_NO_ID,
        ('outcome = "talk"', 1, 'flow[question "when"][answer "always"].outcome: unknown '
                                "outcome `talk`; the outcome on line 172 has no usable id: if "
                                "it is this one, give it this id (further references to `talk` "
                                "are not listed)"),
        ('[[flow.outcome]]\ntitle = "Talk', 1, "flow.outcome[1]: missing required key `id`"),
        ('recommend = ["let-dwn"]', 14, "flow.outcome[1].recommend[0]: unknown topic `let-dwn` "
                                        "(did you mean `let-down`?)"),
    ),
    # An answer naming both `next` and `outcome` is left out of the flow, but where it leads
    # is still checked.
    "answer-both-targets": _case(
        edit(('label = "No"\nnext = "red-flags"',
              'label = "No"\nnext = "red-flags"\noutcome = "tlak"')),
        ('[[flow.question.answer]]\nid = "not-hot"', 1,
         'flow[question "temperature"][answer "not-hot"]: an answer needs exactly one of `next` '
         "or `outcome`"),
        ('outcome = "tlak"', 1, 'flow[question "temperature"][answer "not-hot"].outcome: '
                                "unknown outcome `tlak` (did you mean `talk`?)"),
    ),
    # Seven references to the source whose id is wrong: said once, not seven times.
    "source-bad-id": _case(
        edit(('id = "nhs"', 'id = "NHS"'), ('url = "https://www.nhs.uk/conditions/mastitis/"',
                                            'url = "http://www.nhs.uk/"')),
        ('id = "NHS"', 1, '[source "NHS"].id: `NHS` is not a kebab-case id (lowercase letters, '
                          "digits, -)"),
        ('url = "http:', 1, '[source "NHS"].url: use an https:// address, not http: '
                            "`http://www.nhs.uk/`"),
        ('sources = ["nhs"]', 12, '[topic "let-down"].sources[0]: unknown source `nhs`; the '
                                  "source on line 39 has no usable id: if it is this one, give "
                                  "it this id (further references to `nhs` are not listed)"),
    ),
    "topic-no-id-linked": _case(
        edit(('id = "pads"\n', "")),
        ('See also [breast pads](topic:pads)', 24,
         '[topic "let-down"].body: link to unknown topic `pads`; the topic on line 78 has no '
         "usable id: if it is this one, give it this id (further references to `pads` are not "
         "listed)"),
        ('[[topic]]\nsection = "help"', 1, "topic[2]: missing required key `id`"),
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_missing_key_hides_no_other_problem_of_its_item(case):
    text, expected = CASES[case]
    assert [(line, col, message) for line, col, _, message in _found(text)] == expected


def test_the_topic_section_problem_is_reported_once():
    # A topic with neither `section` nor `parent`: one problem, and no "unknown section ``".
    found = _found(_TOPIC_SUMMARY_PLACE_LINK)
    header = header_line(_TOPIC_SUMMARY_PLACE_LINK, 'id = "pads"')
    assert (header, 1, "error", '[topic "pads"]: topic `pads` needs a `section` or a `parent`') \
        in found
    assert not any("section ``" in message or "has no topics" in message
                   for *_, message in found)


def test_a_reader_start_reports_them_too():
    """`read_in` (a reader's start) checks the same English: every problem shows there too."""
    text = _TOPIC_TITLE_KIND_SOURCE
    full = _found(text)
    assert _found(text, translation_checks=False, read_in="zh-CN") == full
    assert len(full) == 3


def test_a_translated_item_missing_its_english_key_gets_no_follow_on_warnings():
    # The zh-CN table still translates the title the English lost: no "stale", no
    # "translates `title`, which the English does not have".
    text = edit(('title = "The let-down reflex"\n', ""), ('sources = ["nhs"]\nkeywords = '
                                                         '["letdown", "dripping"]',
                                                         'sources = ["who"]\nkeywords = '
                                                         '["letdown", "dripping"]'),
                text=ZH_TEXT)
    header = header_line(text, 'id = "let-down"')
    assert _found(text) == [
        (header, 1, "error", '[topic "let-down"]: missing required key `title`'),
        (line_of(text, 'sources = ["who"]'), 12, "error",
         '[topic "let-down"].sources[0]: unknown source `who`'),
    ]
