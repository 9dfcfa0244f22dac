"""Outcome evidence labels: each rule on a guide that breaks it, with the exact message at the
exact place."""

from __future__ import annotations

from guide_text import edit, header_line, line_of, problems_of


def _rendered(text: str) -> list[str]:
    return [p.render("g.toml") for p in problems_of(text)]


# -- an outcome's evidence label --------------------------------------------------------------


def test_an_outcome_needs_an_evidence_label():
    text = edit(('urgency = "talk-soon"\nevidence = "clinical"\n', 'urgency = "talk-soon"\n'))
    line = header_line(text, 'id = "talk"')
    assert _rendered(text) == [
        f"g.toml:{line}:1: error: "
        'flow[outcome "talk"]: missing required key `evidence`'
    ]


def test_an_outcome_evidence_label_must_exist():
    text = edit(('urgency = "talk-soon"\nevidence = "clinical"\n',
                 'urgency = "talk-soon"\nevidence = "clinicl"\n'))
    line = line_of(text, 'evidence = "clinicl"')
    assert _rendered(text) == [
        f"g.toml:{line}:1: error: "
        'flow[outcome "talk"].evidence: unknown evidence label `clinicl` '
        "(did you mean `clinical`?)"
    ]


def test_the_outcome_carries_its_label():
    from leakguide.content import load_guide_text

    text = edit(('urgency = "talk-soon"\nevidence = "clinical"\n',
                 'urgency = "talk-soon"\nevidence = "tcm"\n'))
    guide = load_guide_text(text).guide
    assert guide.flow.outcomes["talk"].evidence == "tcm"
    assert guide.flow.outcomes["normal"].evidence == "clinical"
