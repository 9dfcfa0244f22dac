"""`leakguide paths`: every way through the flow as a table a clinician can review and sign.

Computed with `flowgraph.enumerate_paths`, the same walk the app's flow follows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from itertools import zip_longest

from ..content.flowgraph import enumerate_paths
from ..content.model import Guide
from ..content.unsafe import clean
from ..i18n import _, colon
from ..render.cells import cells
from ..render.evidence import evidence_name, evidence_plain
from ..render.plain import plain_label, wrap

FORMATS = ("text", "markdown", "csv")
CSV_COLUMNS = ("path", "answers", "answer_ids", "outcome_id", "outcome", "urgency", "evidence")


@dataclass(frozen=True)
class PathRow:
    """One path as the table shows it."""

    number: int
    answers: tuple[str, ...]  # "Question text: Answer label", in order
    answer_ids: tuple[str, ...]
    outcome_id: str
    outcome: str
    urgency: str
    evidence_id: str  # the outcome's evidence label


def path_rows(guide: Guide) -> list[PathRow]:
    """One row per path from the start question to an outcome, in flow order."""
    guide = clean(guide)
    flow = guide.flow
    rows = []
    for number, path in enumerate(enumerate_paths(flow), 1):
        answers, ids = [], []
        for step in path.steps:
            question = flow.questions[step.question]
            answer = question.answer(step.answer)
            label = answer.label if answer else step.answer
            asked = plain_label(question.text)
            # "…?: answer" in English; in Chinese "…？我…", a colon after 。？ reads wrong
            between = "" if asked.endswith(("。", "？", "！")) else colon()
            answers.append(f"{asked}{between}{plain_label(label)}")
            ids.append(step.answer)
        outcome = flow.outcomes[path.outcome]
        urgency = guide.urgencies.get(outcome.urgency)
        rows.append(PathRow(
            number, tuple(answers), tuple(ids), outcome.id, plain_label(outcome.title),
            plain_label(urgency.name if urgency else outcome.urgency),
            outcome.evidence,
        ))
    return rows


def _cell(text: str, width: int, hang: str = "") -> list[str]:
    """Wrap a table cell to `width` terminal cells (wide characters take two; long words are
    broken to keep columns)."""
    lines: list[str] = []
    for line in wrap(text, width, "", hang):
        while cells(line) > width:
            cut = _fitting(line, width)
            lines.append(line[:cut])
            line = hang + line[cut:]
        lines.append(line)
    return lines or [""]


def _fitting(line: str, width: int) -> int:
    """How many characters of `line` fit in `width` cells (at least one)."""
    used = 0
    for index, char in enumerate(line):
        used += cells(char)
        if used > width:
            return max(index, 1)
    return len(line)


def _pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal cells."""
    return text + " " * max(width - cells(text), 0)


def _numbered(answers: tuple[str, ...]) -> list[str]:
    return [f"{index}. {text}" for index, text in enumerate(answers, 1)]


def _sign_off(guide: Guide, count: int) -> tuple[str, str]:
    paths = _("1 path") if count == 1 else _("{count} paths").format(count=count)
    head = _("{guide}: {flow} - {paths} (guide reviewed {date})").format(
        guide=plain_label(guide.info.title), flow=plain_label(guide.flow.title), paths=paths,
        date=guide.info.reviewed.isoformat())
    return head, (_("Reviewed and signed off by:") + " ______________________\n\n"
                  + _("Date:") + " ____________")


def render_text(guide: Guide, width: int = 80) -> str:
    """The table as wrapped columns that fit in `width` (at least 60) columns."""
    rows = path_rows(guide)
    width = max(width, 60)
    number_w = max(len("#"), len(str(len(rows))))
    rest = width - number_w - 6
    titles = ["#"], [_("Answers")], [_("Outcome")], [_("Urgency")]
    urgency_w = min(max([cells(titles[3][0]), *(cells(r.urgency) for r in rows)]), 16, rest // 4)
    outcome_w = min(max([cells(titles[2][0]), *(cells(r.outcome) for r in rows)]), 20, rest // 4)
    answers_w = rest - outcome_w - urgency_w
    widths = (number_w, answers_w, outcome_w, urgency_w)

    def row_lines(cells: list[list[str]]) -> list[str]:
        return [
            "  ".join(_pad(part, w) for part, w in zip(parts, widths, strict=True)).rstrip()
            for parts in zip_longest(*cells, fillvalue="")
        ]

    head, sign = _sign_off(guide, len(rows))
    lines = [*_cell(head, width), ""]
    lines += row_lines(list(titles))
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        answers: list[str] = []
        for text in _numbered(row.answers):
            answers += _cell(text, answers_w, "   ")
        outcome = _cell(row.outcome, outcome_w)
        evidence = _evidence(guide, row)
        if evidence:
            outcome += _cell(evidence, outcome_w)
        lines += row_lines([
            [str(row.number)], answers, outcome, _cell(row.urgency, urgency_w),
        ])
        lines.append("")
    lines.append(sign)
    return "\n".join(lines) + "\n"


def _evidence(guide: Guide, row: PathRow) -> str:
    """`Evidence: NAME` for the row's outcome, as one line of plain text."""
    return plain_label(evidence_plain(guide, row.evidence_id))


def _md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(guide: Guide) -> str:
    """The table as a Markdown (GFM) pipe table."""
    rows = path_rows(guide)
    head, sign = _sign_off(guide, len(rows))
    lines = [f"# {_md_cell(head)}", "",
             f"| # | {_('Answers')} | {_('Outcome')} | {_('Urgency')} |", "|---|---|---|---|"]
    for row in rows:
        answers = "<br>".join(_md_cell(text) for text in _numbered(row.answers))
        outcome = _md_cell(row.outcome)
        evidence = _evidence(guide, row)
        if evidence:
            outcome += f"<br>{_md_cell(evidence)}"
        lines.append(f"| {row.number} | {answers} | {outcome} | {_md_cell(row.urgency)} |")
    lines += ["", _("Reviewed and signed off by:"), "", _("Date:")]
    return "\n".join(lines) + "\n"


#: What a spreadsheet takes as the start of a formula (and so runs) when a cell begins with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """`value` safe in a spreadsheet: text that would start a formula gets a leading `'`
    (OWASP's advice against CSV injection), so it shows as the text it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def render_csv(guide: Guide) -> str:
    """The table as CSV with a header row; answers are newline-separated in one cell. No cell
    starts a spreadsheet formula (see `csv_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in path_rows(guide):
        writer.writerow([csv_cell(cell) for cell in (
            row.number, "\n".join(_numbered(row.answers)), ",".join(row.answer_ids),
            row.outcome_id, row.outcome, row.urgency,
            plain_label(evidence_name(guide, row.evidence_id)),
        )])
    return buffer.getvalue()


def render(guide: Guide, fmt: str, width: int = 80) -> str:
    """The paths table in `fmt` (one of FORMATS)."""
    if fmt == "markdown":
        return render_markdown(guide)
    if fmt == "csv":
        return render_csv(guide)
    return render_text(guide, width)
