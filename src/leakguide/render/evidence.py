"""How an evidence label is shown: the same words for a topic and an outcome, in every front end.

A topic's `evidence` and an outcome's `evidence` are both ids of `Guide.labels`. The app's topic
page and outcome screen, `read`, `ask`, `paths`, `export` and the saved summary all show a label
through this module, each in its own form (plain text, Markdown, HTML, Rich text). No Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from ..content.model import Guide
from ..content.unsafe import safe_text
from ..i18n import N_, _, colon

if TYPE_CHECKING:
    from rich.style import Style
    from rich.text import Text

#: The word before a label's name, wherever one is shown.
EVIDENCE = N_("Evidence")


def evidence_name(guide: Guide, label_id: str | None) -> str:
    """The name a reader sees for the label `label_id` ("" for no label; the id itself when the
    guide has no such label, which `check` reports)."""
    if not label_id:
        return ""
    label = guide.labels.get(label_id)
    return label.name if label is not None else label_id


def evidence_plain(guide: Guide, label_id: str | None) -> str:
    """`Evidence: Clinical guidance` ("" for no label)."""
    name = evidence_name(guide, label_id)
    return f"{_(EVIDENCE)}{colon()}{name}" if name else ""


def evidence_markdown(
    guide: Guide, label_id: str | None, escape_text: Callable[[str], str] = str
) -> str:
    """`**Evidence:** Clinical guidance` ("" for no label); `escape_text` makes the name safe
    in the Markdown around it."""
    name = evidence_name(guide, label_id)
    return f"**{_(EVIDENCE)}{colon().rstrip()}** {escape_text(name)}" if name else ""


def evidence_html(guide: Guide, label_id: str | None) -> str:
    """`<p class="evidence">Evidence: <strong>Clinical guidance</strong></p>` ("" for none)."""
    name = evidence_name(guide, label_id)
    if not name:
        return ""
    return f'<p class="evidence">{_(EVIDENCE)}{colon()}<strong>{escape(name)}</strong></p>'


def evidence_text(
    guide: Guide, label_id: str | None, name_style: Style | str, word_style: Style | str
) -> Text:
    """`Evidence: Clinical guidance` as one line of Rich text, the word and the name in their
    own styles (empty for no label)."""
    from rich.text import Text  # the plain front ends never need Rich

    name = evidence_name(guide, label_id)
    text = Text()
    if name:
        text.append(f"{_(EVIDENCE)}{colon()}", style=word_style)
        text.append(safe_text(name, one_line=True), style=name_style)
    return text
