"""`leakguide graph`: the flow as Mermaid or Graphviz DOT source.

Questions are nodes, answers are labelled edges, outcomes are nodes that show their urgency.
Every node shows its id from the guide file, so authors can find it there.
"""

from __future__ import annotations

import re

from ..content.model import Guide
from ..content.unsafe import clean
from ..render.outcome import urgency_label
from ..render.plain import plain_label
from .export import flow_order

FORMATS = ("mermaid", "dot")


# --- Mermaid --------------------------------------------------------------------------------

def mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: every character Mermaid or HTML could read as
    syntax becomes a numeric entity code (`#34;`)."""
    return re.sub(r'["#&<>|`\[\](){}\\;]', lambda m: f"#{ord(m.group())};", plain_label(text))


def _mermaid_ids(prefix: str, ids: list[str]) -> dict[str, str]:
    """Mermaid node names (letters, digits, `_`) for guide ids, unique even when ids differ only
    in punctuation."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for item in ids:
        base = prefix + re.sub(r"[^A-Za-z0-9]", "_", item)
        name, suffix = base, 2
        while name in used:
            name, suffix = f"{base}_{suffix}", suffix + 1
        used.add(name)
        names[item] = name
    return names


def render_mermaid(guide: Guide) -> str:
    """The flow as a Mermaid flowchart."""
    guide = clean(guide)
    flow = guide.flow
    questions, outcomes = flow_order(guide)
    q_names = _mermaid_ids("Q_", [q.id for q in questions])
    o_names = _mermaid_ids("Out_", [o.id for o in outcomes])
    lines = [
        f"%% {plain_label(guide.info.title)}: {plain_label(flow.title)}",
        "flowchart TD",
        f'    Start(["{mermaid_text(flow.title)}"])',
    ]
    for question in questions:
        flags = "<br/>(warning signs)" if question.red_flags else ""
        lines.append(f'    {q_names[question.id]}{{"{mermaid_text(question.text)}{flags}'
                     f'<br/><small>{mermaid_text(question.id)}</small>"}}')
    for outcome in outcomes:
        shown = urgency_label(guide, outcome.urgency)
        lines.append(f'    {o_names[outcome.id]}(["{mermaid_text(outcome.title)}<br/>'
                     f'<b>{mermaid_text(shown)}</b><br/><small>{mermaid_text(outcome.id)}'
                     f'</small>"]):::{_css_name(outcome.urgency)}')
    if flow.start in q_names:
        lines.append(f"    Start --> {q_names[flow.start]}")
    for question in questions:
        for answer in question.answers:
            target = (q_names.get(answer.next or "") if answer.next
                      else o_names.get(answer.outcome or ""))
            if target:
                lines.append(f'    {q_names[question.id]} -->|"{mermaid_text(answer.label)}"| '
                             f"{target}")
    lines += [
        "    classDef self_care stroke-width:1px",
        "    classDef talk_soon stroke-width:2px",
        "    classDef urgent stroke-width:3px,stroke-dasharray:6 3",
        "    classDef urgent_now stroke-width:4px,stroke-dasharray:6 3",
        "    classDef emergency stroke-width:4px,font-weight:bold",
    ]
    return "\n".join(lines) + "\n"


def _css_name(urgency_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "_", urgency_id) or "unknown"


# --- Graphviz DOT ---------------------------------------------------------------------------

def dot_string(text: str) -> str:
    """A DOT quoted string. Backslashes are doubled so DOT's label escapes (\\N, \\l) stay text."""
    text = plain_label(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _dot_lines(parts: list[str]) -> str:
    """A DOT label of several centred lines."""
    return '"' + "\\n".join(dot_string(part)[1:-1] for part in parts) + '"'


_DOT_STYLE = {
    "self-care": 'style="rounded"',
    "talk-soon": 'style="rounded,bold"',
    "urgent": 'style="rounded,bold", peripheries=2',
    "urgent-now": 'style="rounded,bold,dashed", peripheries=2',
    "emergency": 'style="rounded,bold,filled", fillcolor="#eeeeee", peripheries=3',
}


def render_dot(guide: Guide) -> str:
    """The flow as a Graphviz digraph."""
    guide = clean(guide)
    flow = guide.flow
    questions, outcomes = flow_order(guide)
    lines = [
        "digraph flow {",
        f"    graph [label={dot_string(guide.info.title + ': ' + flow.title)}, labelloc=t, "
        "rankdir=TB];",
        '    node [fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        '    "start" [shape=oval, label="Start"];',
    ]
    for question in questions:
        parts = [question.text, "(warning signs)", f"[{question.id}]"]
        if not question.red_flags:
            parts.remove("(warning signs)")
        lines.append(f"    {dot_string('question:' + question.id)} [shape=diamond, "
                     f"label={_dot_lines(parts)}];")
    for outcome in outcomes:
        shown = urgency_label(guide, outcome.urgency)
        style = _DOT_STYLE.get(outcome.urgency, 'style="rounded"')
        label = _dot_lines([outcome.title, shown, f"[{outcome.id}]"])
        lines.append(f"    {dot_string('outcome:' + outcome.id)} [shape=box, {style}, "
                     f"label={label}];")
    if flow.start in flow.questions:
        lines.append(f'    "start" -> {dot_string("question:" + flow.start)};')
    for question in questions:
        for answer in question.answers:
            if answer.next and answer.next in flow.questions:
                target = dot_string("question:" + answer.next)
            elif answer.outcome and answer.outcome in flow.outcomes:
                target = dot_string("outcome:" + answer.outcome)
            else:
                continue
            lines.append(f"    {dot_string('question:' + question.id)} -> {target} "
                         f"[label={dot_string(answer.label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(guide: Guide, fmt: str) -> str:
    """The flow as diagram source in `fmt` (one of FORMATS)."""
    return render_dot(guide) if fmt == "dot" else render_mermaid(guide)
