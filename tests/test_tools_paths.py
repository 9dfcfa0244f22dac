"""`leakguide paths`: exactly the flow's paths, in three formats."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import run_cli
from tools_helpers import GUIDES, MINIMAL, load

from leakguide.content.flowgraph import enumerate_paths
from leakguide.tools.paths import CSV_COLUMNS


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_csv_lists_exactly_the_enumerated_paths(guide_path):
    guide = load(guide_path)
    expected = enumerate_paths(guide.flow)
    result = run_cli("paths", str(guide_path), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == len(expected)
    for row, path in zip(rows, expected, strict=True):
        outcome = guide.flow.outcomes[path.outcome]
        assert row["outcome_id"] == path.outcome
        assert row["outcome"] == outcome.title
        assert row["urgency"] == guide.urgencies[outcome.urgency].name
        assert row["evidence"] == guide.labels[outcome.evidence].name
        assert row["answer_ids"].split(",") == [step.answer for step in path.steps]
        lines = row["answers"].split("\n")
        assert len(lines) == len(path.steps)
        for number, (line, step) in enumerate(zip(lines, path.steps, strict=True), 1):
            question = guide.flow.questions[step.question]
            label = question.answer(step.answer).label
            assert line == f"{number}. {question.text}: {label}"


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_text_table_has_every_path_and_fits_80_columns(guide_path):
    guide = load(guide_path)
    paths = enumerate_paths(guide.flow)
    result = run_cli("paths", str(guide_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    row_starts = [line.split()[0] for line in lines
                  if line[:1].isdigit() and line.split()[0].isdigit()]
    assert row_starts == [str(n) for n in range(1, len(paths) + 1)]
    squashed = " ".join(result.stdout.split())
    for path in paths:
        assert guide.flow.outcomes[path.outcome].title.split()[0] in squashed


def test_text_table_narrow_width_is_respected():
    result = run_cli("paths", str(MINIMAL), "--width", "60")
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_markdown_table_has_one_row_per_path(guide_path):
    guide = load(guide_path)
    paths = enumerate_paths(guide.flow)
    result = run_cli("paths", str(guide_path), "--format", "markdown")
    assert result.returncode == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert len(rows) == len(paths) + 1  # the header row
    for row, path in zip(rows[1:], paths, strict=True):
        cells = row.split(" | ")
        assert len(cells) == 4, row  # no unescaped pipe from the content
        assert cells[1].count("<br>") == len(path.steps) - 1
        outcome = guide.flow.outcomes[path.outcome]
        label = guide.labels[outcome.evidence].name
        assert cells[2].endswith(f"<br>Evidence: {label}"), cells[2]


def test_markdown_escapes_pipes_in_content(tmp_path):
    text = MINIMAL.read_text().replace('label = "During feeds"', 'label = "During | feeds"')
    guide_file = tmp_path / "pipe.toml"
    guide_file.write_text(text)
    result = run_cli("paths", str(guide_file), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "During \\| feeds" in result.stdout


def test_text_table_shows_each_outcome_with_its_evidence_label():
    result = run_cli("paths", str(MINIMAL))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    first = lines.index(next(line for line in lines if line.startswith("1  ")))
    assert lines[first:first + 3] == [
        "1  1. Is any of this happening now?:        Call for help now   EMERGENCY - call",
        "      Fainting, confusion or trouble        Evidence: Clinical  for help now",
        "      breathing                             guidance",
    ]
