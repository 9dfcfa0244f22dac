"""One file with many mistakes: every one is reported, in file order, in one run."""

from __future__ import annotations

from conftest import FIXTURES, run_cli

from leakguide.content import load_guide, load_guide_text

MANY = FIXTURES / "bad" / "many-problems.toml"


def test_every_problem_is_reported_in_file_order():
    result = load_guide(MANY)
    assert result.guide is None
    assert [(p.line, p.col, p.message) for p in result.problems] == [
        (4, 1, "guide: missing required key `title`"),
        (5, 1, "guide.titel: unknown key `titel` (did you mean `title`?); allowed here: title, "
               "summary, language, reviewed, review_due, disclaimer, zh-CN"),
        (10, 1, "guide.disclaimer: must not be empty"),
        (55, 24, '[topic "let-down"].body: link to unknown topic `padz` (did you mean `pads`?)'),
        (60, 1, '[topic "pads"]: a remedy topic needs an evidence label'),
        (67, 19, '[topic "pads"].sources[1]: unknown source `who`'),
        (69, 1, "flow: no outcome reachable from the start has the `emergency` urgency level: "
                "a reader with a sign of an emergency must be told to call for help now"),
        *[(69, 1, f'flow: no question has `screen = "{kind}"`: every path to a self-care '
                  "outcome must pass one") for kind in ("emergency", "fever", "warning-signs")],
        (83, 1, 'flow[outcome "normal"]: every outcome needs `get_help_if`'),
        (83, 1, 'flow[outcome "normal"]: self-care outcome `normal` is reached without a '
                "red-flags question (when=feeds)"),
    ]


def test_check_prints_them_all_then_the_count():
    result = run_cli("check", str(MANY))
    assert result.returncode == 2
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 13
    positions = [tuple(int(n) for n in line.split(":")[1:3]) for line in lines[:-1]]
    assert positions == sorted(positions)
    assert all(line.startswith(f"{MANY}:") for line in lines[:-1])
    assert sum(": error: " in line for line in lines) == 8
    assert sum(": warning: " in line for line in lines) == 4
    assert lines[-1] == f"{MANY}: 8 errors, 4 warnings"


def test_a_broken_flow_table_does_not_hide_topic_problems():
    text = MANY.read_text(encoding="utf-8")
    without_flow = text[: text.index("[flow]")]
    messages = [p.message for p in load_guide(MANY).problems if "topic" in p.message]
    result = load_guide_text(without_flow, "g.toml")
    assert "missing required key `flow`" in [p.message for p in result.problems]
    assert [p.message for p in result.problems if "topic" in p.message] == [
        m for m in messages if not m.startswith("flow")
    ]
