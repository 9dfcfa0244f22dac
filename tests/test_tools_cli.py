"""The tools from the command line: help, bad guides, no Textual, no escapes, non-TTY reading."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import subprocess
import sys

import pytest
from conftest import REPO, run_cli
from tools_helpers import GUIDES, MINIMAL, load

from leakguide.content.flowgraph import enumerate_paths
from leakguide.content.model import (
    Answer,
    Flow,
    Guide,
    GuideInfo,
    Label,
    Outcome,
    Question,
    Section,
    Source,
    Topic,
    Urgency,
)
from leakguide.flowstate import FlowState
from leakguide.tools import ask, export, graph, paths, read

TOOLS = ["paths", "export", "graph", "read", "ask", "search"]


@pytest.mark.parametrize("command", TOOLS)
def test_every_tool_has_help(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: leakguide {command}")


@pytest.mark.parametrize("args", [
    ["paths", "{bad}"], ["export", "{bad}", "--format", "html"], ["graph", "{bad}"],
    ["read", "--guide", "{bad}"], ["--guide", "{bad}", "read"], ["ask", "{bad}"],
    ["search", "--guide", "{bad}", "pads"], ["--guide", "{bad}", "search", "pads"],
    ["--guide", "{bad}"],
])
def test_a_broken_guide_reports_like_check(tmp_path, args):
    bad = tmp_path / "bad.toml"
    bad.write_text(MINIMAL.read_text().replace('start = "emergency"', 'start = "nowhere"'))
    check = run_cli("check", str(bad))
    result = run_cli(*[a.replace("{bad}", str(bad)) for a in args])
    assert result.returncode == 2
    assert result.stdout == ""
    problems = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert problems
    for line in problems:
        assert line in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_a_missing_guide_is_a_clear_error(tmp_path):
    result = run_cli("paths", str(tmp_path / "none.toml"))
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_guide_from_environment():
    result = run_cli("read", "--list", env={"LEAKGUIDE_GUIDE": str(MINIMAL)})
    assert result.returncode == 0
    assert result.stdout.split()[0] == "let-down"


def test_tools_do_not_import_textual():
    code = (
        "import contextlib, io, sys\n"
        "from leakguide.cli import main\n"
        f"for args in (['paths', {str(MINIMAL)!r}], ['export', {str(MINIMAL)!r}, '--format', "
        f"'html'], ['graph', {str(MINIMAL)!r}], ['read', '--guide', {str(MINIMAL)!r}]):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        assert main(args) == 0\n"
        "sys.stdin = io.StringIO('1\\n')\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['ask', {str(MINIMAL)!r}]) == 0\n"
        "print('\\n'.join(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(REPO / "src")}, check=True)
    modules = set(result.stdout.split())
    assert "leakguide.tools.ask" in modules
    assert not {m for m in modules if m.split(".")[0] == "textual"}


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_leakguide_without_a_terminal_prints_the_plain_guide(guide_path):
    result = run_cli("--guide", str(guide_path))  # stdout is a pipe: not a terminal
    assert result.returncode == 0, result.stderr
    expected = run_cli("read", "--guide", str(guide_path))
    assert result.stdout == expected.stdout
    assert load(guide_path).info.title in result.stdout
    assert "\x1b" not in result.stdout


def test_leakguide_without_a_terminal_prints_the_chosen_topic():
    result = run_cli("--guide", str(MINIMAL), "--topic", "pads")
    assert result.returncode == 0
    assert result.stdout == run_cli("read", "pads", "--guide", str(MINIMAL)).stdout


# --- escape sequences in a guide built by hand never reach the output ---------------------

ESC = "\x1b"


def guide_with_escapes() -> Guide:
    """A guide built without the loader, with an escape sequence in every kind of string."""
    evil = f"{ESC}[2J{ESC}]0;owned\x07{ESC}[31m"
    urgencies = {
        level: Urgency(level, f"Level {level}{evil}", f"[{level}{evil}]", f"About {level}{evil}")
        for level in ("self-care", "talk-soon", "urgent", "emergency")
    }
    flow = Flow(
        title=f"Flow{evil}",
        intro=f"Intro{evil} with [a link](topic:t{evil})",
        start="q1",
        questions={
            "q1": Question("q1", f"Question{evil}?", f"Why{evil}", True, (
                Answer("a1", f"Bad{evil}", None, "o1", f"Preview{evil}"),
                Answer("a2", f"Fine{evil}", None, "o2"),
            )),
        },
        outcomes={
            "o1": Outcome("o1", f"Go{evil}", "urgent", "l", f"Body{evil} **b**", ("t",),
                          (f"Help{evil}",), ("s",)),
            "o2": Outcome("o2", f"Rest{evil}", "self-care", "l", f"Body{evil}", ("t",),
                          (f"Help{evil}",), ("s",)),
        },
    )
    return Guide(
        format=1,
        info=GuideInfo(f"Title{evil}", f"Summary{evil}", "en", dt.date(2026, 1, 1), None,
                       f"Disclaimer{evil}"),
        labels={"l": Label("l", f"Label{evil}", f"Described{evil}")},
        urgencies=urgencies,
        sources={"s": Source("s", f"Source{evil}", f"Publisher{evil}",
                             f"https://example.com/{evil}")},
        sections={"sec": Section("sec", f"Section{evil}", f"Summary{evil}")},
        topics={"t": Topic("t", f"Topic{evil}", "sec", None, "remedy", f"Sum{evil}",
                           f"# Head{evil}\n\nText{evil} `code{evil}`\n\n- item{evil}\n\n"
                           f"| a{evil} | b |\n|---|---|\n| c | d{evil} |\n",
                           "l", ("s",), (f"kw{evil}",), ("t",))},
        flow=flow,
    )


def all_outputs(guide: Guide) -> dict[str, str]:
    outputs = {
        "read": read.render_guide(guide, 60),
        "read topic": read.render_topic(guide, "t", 60),
        "read list": read.render_topic_list(guide),
        "graph mermaid": graph.render(guide, "mermaid"),
        "graph dot": graph.render(guide, "dot"),
        "export markdown": export.render(guide, "markdown"),
        "export html": export.render(guide, "html"),
    }
    for fmt in paths.FORMATS:
        outputs[f"paths {fmt}"] = paths.render(guide, fmt)
    for typed in ("1\n", "2\n", "x\nb\n"):
        out = io.StringIO()
        ask.run_ask(guide, io.StringIO(typed), out, 60, echo=True)
        outputs[f"ask {typed!r}"] = out.getvalue()
    return outputs


def test_no_output_contains_escape_characters():
    outputs = all_outputs(guide_with_escapes())
    for name, text in outputs.items():
        assert ESC not in text, name
        assert "\x07" not in text, name
        assert "Title" in text or "Topic" in text or "Question" in text, name  # content is kept


def test_typed_escapes_are_not_echoed():
    out = io.StringIO()
    ask.run_ask(load(MINIMAL), io.StringIO(f"{ESC}[31m\n"), out, 60, echo=True)
    assert ESC not in out.getvalue()


def test_color_is_the_only_way_to_get_escapes():
    guide = guide_with_escapes()
    colored = read.render_guide(guide, 60, color=True)
    assert "\x1b[1m" in colored
    assert "\x1b[2J" not in colored and "\x1b]0;" not in colored


def test_stdout_that_cannot_encode_a_character_does_not_crash():
    from leakguide import cli

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    with contextlib.redirect_stdout(stream):
        assert cli.write_output("caf\u00e9 \u2192 ok\n") == 0
    stream.flush()
    assert raw.getvalue() == b"caf? ? ok\n"


def test_answers_without_a_terminal_print_where_they_lead():
    guide = load(MINIMAL)
    for path in enumerate_paths(guide.flow):
        ids = ",".join(step.answer for step in path.steps)
        result = run_cli("--guide", str(MINIMAL), "--answers", ids)
        assert result.returncode == 0, result.stderr
        assert guide.flow.outcomes[path.outcome].title in result.stdout
        assert "Why you see this:" in result.stdout
    partial = run_cli("--guide", str(MINIMAL), "--answers", "2")
    assert partial.returncode == 0
    assert "Question 2 of at most 4" in partial.stdout
    wrong = run_cli("--guide", str(MINIMAL), "--answers", "2,9")
    assert wrong.returncode == 2
    assert "answer 2 ('9')" in wrong.stderr


def test_outcome_and_question_rendering_clean_a_walk_built_on_the_raw_guide():
    guide = guide_with_escapes()
    for answers in (["1"], ["2"]):
        state, _ = FlowState.start(guide.flow).with_answer_tokens(answers)
        assert state.outcome is not None
        assert ESC not in ask.render_outcome(guide, state, 60)
    assert ESC not in ask.render_question(guide, FlowState.start(guide.flow), 60)
