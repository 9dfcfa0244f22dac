"""`leakguide graph`: Mermaid and DOT sources naming every question and outcome."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import run_cli
from tools_helpers import GUIDES, MINIMAL, load

from leakguide.tools.graph import dot_string, mermaid_text


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_graph_names_every_question_and_outcome(guide_path, fmt):
    guide = load(guide_path)
    result = run_cli("graph", str(guide_path), "--format", fmt)
    assert result.returncode == 0, result.stderr
    for question in guide.flow.questions.values():
        assert question.id in result.stdout
    for outcome in guide.flow.outcomes.values():
        assert outcome.id in result.stdout
        urgency = guide.urgencies[outcome.urgency]
        shown = mermaid_text(urgency.name) if fmt == "mermaid" else urgency.name
        assert shown in result.stdout


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_mermaid_has_one_edge_per_answer(guide_path):
    guide = load(guide_path)
    output = run_cli("graph", str(guide_path), "--format", "mermaid").stdout
    answers = sum(len(q.answers) for q in guide.flow.questions.values())
    assert len(re.findall(r" -->\|", output)) == answers
    assert output.splitlines()[1] == "flowchart TD"


def test_mermaid_escapes_syntax_characters():
    escaped = mermaid_text('Say "hi" <b> | [x] #1 (a) {b} ;')
    for char in '"<>|[](){}':
        assert char not in escaped
    assert "#34;hi#34;" in escaped


def test_dot_escapes_quotes_and_backslashes():
    assert dot_string('a "b" \\N') == '"a \\"b\\" \\\\N"'


def test_dot_output_parses_with_graphviz_when_installed(tmp_path):
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz's `dot` is not on PATH: install Graphviz (Debian: apt-get install "
                    "graphviz) to check that its parser reads our DOT output")
    nasty = 'label = "During \\"feeds\\" \\\\"'  # quotes and a backslash, TOML-escaped
    text = MINIMAL.read_text().replace('label = "During feeds"', nasty)
    guide_file = tmp_path / "quotes.toml"
    guide_file.write_text(text)
    result = run_cli("graph", str(guide_file), "--format", "dot")
    assert result.returncode == 0, result.stderr
    rendered = subprocess.run([dot, "-Tsvg"], input=result.stdout, capture_output=True,
                              text=True)
    assert rendered.returncode == 0, rendered.stderr
    assert "During &quot;feeds&quot; \\<" in rendered.stdout  # drawn as typed
