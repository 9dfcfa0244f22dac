"""The screens of red-flags questions, the emergency level, the order of a red-flags question's
answers, and where sources may live: each rule on a guide that breaks it, with the exact message
at the exact place."""

from __future__ import annotations

import pytest
from guide_text import (
    MINIMAL_TEXT,
    edit,
    header_line,
    insert_after,
    line_of,
    only_problem,
    problems_of,
)

from leakguide.cli import main
from leakguide.content.problems import ERROR, WARNING
from leakguide.content.source_hosts import NOT_PRIMARY_HOSTS, not_primary_host, url_host


def _rendered(text: str) -> list[str]:
    return [p.render("g.toml") for p in problems_of(text)]


# -- `screen` --------------------------------------------------------------------------------


def test_an_unknown_screen_is_an_error_that_lists_the_screens():
    text = edit(('screen = "fever"', 'screen = "temperature"'))
    problem = only_problem(text)
    line = line_of(text, 'screen = "temperature"')
    assert problem.render("g.toml") == (
        f"g.toml:{line}:1: error: "
        'flow[question "temperature"].screen: unknown screen `temperature`; screens are '
        "emergency, fever, warning-signs"
    )


def test_a_screen_needs_a_red_flags_question():
    text = edit(('red_flags = true\nscreen = "fever"', 'screen = "fever"'))
    problem = only_problem(text)
    line = line_of(text, 'screen = "fever"')
    assert problem.render("g.toml") == (
        f"g.toml:{line}:1: error: "
        'flow[question "temperature"].screen: `screen = "fever"` is only allowed on a question '
        "with `red_flags = true`: a screen asks about warning signs"
    )


def test_a_screen_that_is_not_text_is_reported_once():
    text = edit(('screen = "fever"', "screen = 3"))
    problem = only_problem(text)  # no "no question screens for fever" after it
    assert problem.message == (
        'flow[question "temperature"].screen: expected a string, found an integer'
    )


# -- every path to self-care passes each screen --------------------------------------------


@pytest.mark.parametrize("kind", ["emergency", "fever", "warning-signs"])
def test_a_guide_without_a_screen_gets_one_warning(kind):
    text = edit((f'screen = "{kind}"\n', ""))
    problem = only_problem(text)
    assert problem.severity == WARNING
    assert problem.render("g.toml") == (
        f"g.toml:{line_of(text, '[flow]')}:1: warning: "
        f'flow: no question has `screen = "{kind}"`: every path to a self-care outcome must '
        "pass one"
    )


def test_a_path_round_the_fever_screen_is_shown():
    # A second way out of the emergency screen that goes straight to the warning signs.
    text = insert_after(
        'next = "temperature"',
        '\n[[flow.question.answer]]\nid = "skip"\nlabel = "Skip"\nnext = "red-flags"\n',
    )
    line = header_line(text, 'id = "normal"')
    assert _rendered(text) == [
        f"g.toml:{line}:1: warning: "
        'flow[outcome "normal"]: self-care outcome `normal` is reached without a '
        '`screen = "fever"` question (emergency=skip -> red-flags=none -> when=feeds)'
    ]


def test_each_self_care_outcome_is_reported_once_per_screen():
    # Two ways round the warning signs to `normal`, and one to a second self-care outcome.
    text = edit(
        ('next = "red-flags"', 'next = "red-flags"\n\n[[flow.question.answer]]\nid = "skip"\n'
         'label = "Skip"\nnext = "when"'),
        ('label = "All the time"\noutcome = "talk"',
         'label = "All the time"\noutcome = "talk"\n\n[[flow.question.answer]]\nid = "night"\n'
         'label = "At night"\noutcome = "night-only"\n\n[[flow.question.answer]]\nid = "day"\n'
         'label = "In the day"\noutcome = "normal"'),
    )
    text += (
        '\n[[flow.outcome]]\nid = "night-only"\ntitle = "Normal at night"\n'
        'urgency = "self-care"\nevidence = "clinical"\nbody = "Common."\n'
        'get_help_if = ["A fever."]\nsources = ["nhs"]\n'
    )
    messages = [(p.line, p.message) for p in problems_of(text)]
    assert messages == [
        (header_line(text, 'id = "normal"'),
         'flow[outcome "normal"]: self-care outcome `normal` is reached without a '
         '`screen = "warning-signs"` question (emergency=not-now -> temperature=skip -> '
         "when=feeds)"),
        (header_line(text, 'id = "night-only"'),
         'flow[outcome "night-only"]: self-care outcome `night-only` is reached without a '
         '`screen = "warning-signs"` question (emergency=not-now -> temperature=skip -> '
         "when=night)"),
    ]


# -- the emergency level ---------------------------------------------------------------------


def test_the_emergency_level_must_be_used():
    text = edit(('urgency = "emergency"', 'urgency = "urgent"'))
    screen = line_of(text, 'screen = "emergency"')
    assert _rendered(text) == [
        f"g.toml:{line_of(text, '[flow]')}:1: warning: flow: no outcome reachable from the "
        "start has the `emergency` urgency level: a reader with a sign of an emergency must be "
        "told to call for help now",
        f"g.toml:{screen}:1: warning: "
        'flow[question "emergency"].screen: question `emergency` screens for emergencies, but '
        "no answer leads straight to an `emergency` outcome",
    ]


def test_an_emergency_outcome_the_start_cannot_reach_does_not_count():
    # The emergency screen now sends `collapse` to the urgent outcome; `call-now` is left
    # unreached (an error of its own) and does not satisfy the rule.
    text = edit(('outcome = "call-now"\npreview = "This answer means you should call for help '
                 'now."', 'outcome = "see-doctor"\npreview = "Get help today."'))
    messages = [p.message for p in problems_of(text)]
    assert messages[0].startswith("flow: no outcome reachable from the start has the "
                                  "`emergency` urgency level")
    assert 'flow[outcome "call-now"]: outcome `call-now` cannot be reached from the start' in (
        messages
    )


def test_every_emergency_screen_leads_straight_to_an_emergency():
    # Swap the screens of the first two questions: the level is still used, but the question
    # that now screens for emergencies has no answer that ends in one.
    text = edit(('screen = "emergency"', 'screen = "fever"'),
                ('screen = "fever"\n\n[[flow.question.answer]]\nid = "hot"',
                 'screen = "emergency"\n\n[[flow.question.answer]]\nid = "hot"'))
    problem = only_problem(text)
    line = line_of(text, 'screen = "emergency"')
    assert problem.render("g.toml") == (
        f"g.toml:{line}:1: warning: "
        'flow[question "temperature"].screen: question `temperature` screens for emergencies, '
        "but no answer leads straight to an `emergency` outcome"
    )


# -- most urgent first -----------------------------------------------------------------------

LUMP = '[[flow.question.answer]]\nid = "lump"\nlabel = "A lump"\noutcome = "talk"\n\n'


def test_a_less_urgent_answer_before_a_more_urgent_one_is_reported_at_the_later_one():
    text = edit(('[[flow.question.answer]]\nid = "collapse"',
                 LUMP + '[[flow.question.answer]]\nid = "collapse"'))
    problem = only_problem(text)
    assert problem.severity == WARNING
    line = line_of(text, 'outcome = "call-now"')
    assert problem.render("g.toml") == (
        f"g.toml:{line}:1: warning: "
        'flow[question "emergency"][answer "collapse"].outcome: answer leads to the emergency '
        "outcome `call-now` but comes after answer `lump` (talk-soon outcome `talk`): list a "
        "red-flags question's answers from most to least urgent, so that choosing the first "
        "that fits is safe"
    )


def test_only_the_first_answer_out_of_order_is_reported():
    text = edit(('[[flow.question.answer]]\nid = "collapse"',
                 LUMP + '[[flow.question.answer]]\nid = "collapse"'),
                ('[[flow.question.answer]]\nid = "not-now"',
                 '[[flow.question.answer]]\nid = "lump-again"\nlabel = "A lump"\n'
                 'outcome = "talk"\n\n[[flow.question.answer]]\nid = "hot-now"\nlabel = "Hot"\n'
                 'outcome = "see-doctor"\npreview = "Today."\n\n'
                 '[[flow.question.answer]]\nid = "not-now"'))
    assert [p.message.split(":")[0] for p in problems_of(text)] == [
        'flow[question "emergency"][answer "collapse"].outcome'
    ]


def test_answers_in_order_with_next_between_and_equal_levels_are_fine():
    # emergency, (next), urgent, urgent, talk-soon: never more urgent than the one before.
    text = edit(
        ('[[flow.question.answer]]\nid = "not-now"',
         '[[flow.question.answer]]\nid = "unsure"\nlabel = "Not sure"\nnext = "temperature"\n\n'
         '[[flow.question.answer]]\nid = "hot-now"\nlabel = "Hot"\noutcome = "see-doctor"\n'
         'preview = "Today."\n\n[[flow.question.answer]]\nid = "red-now"\nlabel = "Red"\n'
         'outcome = "see-doctor"\npreview = "Today."\n\n' + LUMP
         + '[[flow.question.answer]]\nid = "not-now"'),
    )
    assert problems_of(text) == []


def test_the_order_of_answers_outside_red_flags_questions_is_free():
    # `when` lists self-care before talk-soon, and the guide passes.
    assert line_of(MINIMAL_TEXT, 'outcome = "normal"') < line_of(MINIMAL_TEXT, 'outcome = "talk"')
    assert problems_of(MINIMAL_TEXT) == []


# -- source addresses ------------------------------------------------------------------------

NHS_URL = 'url = "https://www.nhs.uk/conditions/mastitis/"'


def test_an_http_source_is_a_warning():
    text = edit((NHS_URL, 'url = "http://www.nhs.uk/conditions/mastitis/"'))
    problem = only_problem(text)
    assert problem.render("g.toml") == (
        f"g.toml:{line_of(text, 'url = ')}:1: warning: [source \"nhs\"].url: use an https:// "
        "address, not http: `http://www.nhs.uk/conditions/mastitis/`"
    )


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://web.archive.org/web/2020/https://www.nhs.uk/", "web.archive.org"),
        ("https://archive.ph/abc12", "archive.ph"),
        ("https://www.scribd.com/document/1/abm", "www.scribd.com"),
        ("https://staging.unicef.org.uk/babyfriendly/", "staging.unicef.org.uk"),
        ("https://www.staging.nhs.uk/x", "www.staging.nhs.uk"),
        ("https://user@WWW.Drugs.COM:443/x", "www.drugs.com"),
        ("https://docslib.org./doc/1", "docslib.org"),
    ],
)
def test_a_source_on_a_copy_host_is_a_warning(url, host):
    text = edit((NHS_URL, f'url = "{url}"'))
    problem = only_problem(text)
    assert problem.render("g.toml") == (
        f"g.toml:{line_of(text, 'url = ')}:1: warning: [source \"nhs\"].url: `{host}` is an "
        "archive, mirror or staging host; cite the publisher's own current page"
    )


def test_an_http_copy_gets_both_warnings():
    text = edit((NHS_URL, 'url = "http://web.archive.org/web/2020/http://www.nhs.uk/"'))
    assert sorted(p.message.split(": ", 1)[1][:12] for p in problems_of(text)) == [
        "`web.archive", "use an https"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nhs.uk/conditions/mastitis/",
        "https://notscribd.com/x",  # ends in the name, but is another host
        "https://scribd.com.example.org/x",
        "https://example.org/web.archive.org/page",  # the host is what counts, not the path
        "https://www.nhs.uk/staging.html",
        "https://stagingarea.nhs.uk/",
        "https://www.ncbi.nlm.nih.gov/books/NBK501922/",
    ],
)
def test_primary_pages_pass(url):
    assert not_primary_host(url) is None
    assert problems_of(edit((NHS_URL, f'url = "{url}"'))) == []


def test_the_hosts_are_one_small_list_that_reads_hosts():
    assert "web.archive.org" in NOT_PRIMARY_HOSTS and "staging." in NOT_PRIMARY_HOSTS
    assert all(host == host.lower() and " " not in host for host in NOT_PRIMARY_HOSTS)
    assert url_host("https://User@Example.ORG.:8443/a?b#c") == "example.org"
    assert url_host("https://[::1/") == ""  # an address urlsplit cannot read: no host
    assert not_primary_host("https://[::1/") is None


# -- strict ------------------------------------------------------------------------------------


def test_strict_makes_each_new_rule_fail(tmp_path, capsys):
    broken = {
        "screen": edit(('screen = "fever"\n', "")),
        "emergency": edit(('urgency = "emergency"', 'urgency = "urgent"')),
        "order": edit(('[[flow.question.answer]]\nid = "collapse"',
                       LUMP + '[[flow.question.answer]]\nid = "collapse"')),
        "http": edit((NHS_URL, 'url = "http://www.nhs.uk/"')),
        "mirror": edit((NHS_URL, 'url = "https://archive.org/details/x"')),
    }
    for name, text in broken.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        assert main(["check", str(path)]) == 0, name
        assert ": 0 errors, " in capsys.readouterr().out
        assert main(["check", "--strict", str(path)]) == 2, name
        out = capsys.readouterr().out
        assert f"{path}:" in out and ": error: " in out and ", 0 warnings\n" in out


def test_problems_of_the_new_rules_are_errors_or_warnings_as_documented():
    assert only_problem(edit(('screen = "fever"', 'screen = "x"'))).severity == ERROR
    assert only_problem(edit((NHS_URL, 'url = "http://www.nhs.uk/"'))).severity == WARNING
