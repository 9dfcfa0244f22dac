"""Unsafe characters however they are spelled: Markdown decodes numeric character references
(`&#x202e;`), so `check` validates the text as the reader will see it, and no renderer (the
app, `read`, `ask`, both exports) shows one even from a guide that skipped the validator."""

from __future__ import annotations

import pytest
from guide_text import edit, only_problem, problems_of
from snapshot_apps import minimal_guide

from leakguide.render.markdown import render_markdown
from leakguide.tools import export, read
from leakguide.tools.ask import render_outcome

REFERENCES = {
    "RLO hex": ("&#x202e;", "U+202E"), "RLO upper": ("&#X202E;", "U+202E"),
    "RLO decimal": ("&#8238;", "U+202E"), "LRI": ("&#x2066;", "U+2066"),
    "RLI": ("&#x2067;", "U+2067"), "FSI": ("&#x2068;", "U+2068"), "PDI": ("&#x2069;", "U+2069"),
    "ESC": ("&#27;", "U+001B"), "ESC hex": ("&#x1b;", "U+001B"), "CR": ("&#13;", "U+000D"),
    "CSI": ("&#x9b;", "U+009B"),
}
RAW = ("\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\x1b", "\x9b")


@pytest.mark.parametrize("reference", [v[0] for v in REFERENCES.values()], ids=list(REFERENCES))
def test_check_rejects_an_unsafe_character_written_as_a_reference(reference):
    code = dict(REFERENCES.values())[reference]
    text = edit(('body = "Change pads when they are wet."',
                 f'body = "Change {reference}pads when they are wet."'))
    problem = only_problem(text)
    kind = "bidirectional" if int(code[2:], 16) >= 0x2000 else "control"
    assert problem.message.startswith(
        f'[topic "pads"].body: contains the {kind} character {code} '
        "(written as a character reference); delete it: ")


@pytest.mark.parametrize("harmless", ["&#x200e;", "&amp;", "&#65;", "&#x2713;", "Q&A", "&#;",
                                      "&#x0000202e;"])  # 8 digits: not a reference (CommonMark)
def test_harmless_references_are_allowed(harmless):
    text = edit(('body = "Change pads when they are wet."', f'body = "Change {harmless} pads."'))
    assert problems_of(text) == []


@pytest.mark.parametrize("title", ["\\u200b", "&#x200b;", "\\u2060\\u200d", " \\u3164 ",
                                   "\\u200e", "&#x2800;"])
def test_a_title_of_only_invisible_characters_is_rejected(title):
    problem = only_problem(edit(('title = "Breast pads"', f'title = "{title}"')))
    assert problem.message == (
        '[topic "pads"].title: must have a visible character (it holds only invisible ones)')


@pytest.mark.parametrize("title", ["⚠", "é", "\\u200bPads", "中文"])
def test_a_title_with_anything_visible_is_fine(title):
    assert problems_of(edit(('title = "Breast pads"', f'title = "{title}"'))) == []


def _unvalidated_guide():
    """The minimal guide with references to unsafe characters in Markdown it never checked."""
    guide = minimal_guide()
    body = ("Change &#x202e;pads&#x202c; when &#x2066;wet&#x2069; [a&#8238;b](topic:let-down) "
            "&#27;[31mred &#x9b;2J.")
    topics = {**guide.topics, "pads": guide.topics["pads"]._replace(body=body)}
    outcomes = {key: outcome._replace(body=body) for key, outcome in guide.flow.outcomes.items()}
    return guide._replace(topics=topics, flow=guide.flow._replace(outcomes=outcomes))


def test_no_renderer_shows_a_character_made_by_a_reference():
    guide = _unvalidated_guide()
    from leakguide.flowstate import FlowState

    state, problems = FlowState.start(guide.flow).with_answer_tokens(["2", "2", "2", "1"])
    assert not problems and state.outcome is not None
    shown = {
        "app": render_markdown(guide.topics["pads"].body).renderable,
        "read": read.render_topic(guide, "pads", 80, False),
        "ask": render_outcome(guide, state, 80),
        "markdown export": export.render(guide, "markdown"),
        "html export": export.render(guide, "html"),
    }
    from rich.console import Console

    console = Console(width=80, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(shown["app"])
    shown["app"] = console.export_text()
    for where, text in shown.items():
        assert "pads" in text and "wet" in text, where
        for char in RAW:
            assert char not in text, f"{where} shows U+{ord(char):04X}"
    html = shown["html export"].lower()
    for spelled in ("&#x202e;", "&#8238;", "&#x2066;", "&#27;", "&#x9b;"):
        assert spelled not in html  # a browser would decode it
