"""The outcome summary a reader can save and show a midwife or doctor. No Textual.

Summaries are Markdown files written only inside the user's data directory
(`platformdirs.user_data_dir("leakguide")/summaries`) or the directory given with `--save-dir`.
The file name comes from the date and time and the outcome's kebab id, never from content
text, and an existing file is never overwritten (a `-2`, `-3`... suffix is added instead).

Privacy in hosted mode: `summary_dir_for` returns None (saving is off) unless the hosting layer
passed an explicit per-reader `AppOptions.save_dir`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .content.files import create_new
from .content.model import Guide
from .content.unsafe import remove_unsafe
from .flowstate import FlowState
from .i18n import _, colon
from .options import AppOptions
from .render.evidence import evidence_markdown
from .render.outcome import (
    GET_HELP_IF,
    WHAT_TO_DO,
    sections_in_order,
    urgency_description,
    urgency_label,
)
from .render.plain import inline_to_plain, markdown_to_plain
from .render.sources import known_sources, source_line

MAX_COLLISIONS = 999
#: The width the summary's paragraphs are wrapped to.
SUMMARY_WIDTH = 78
_UNSAFE_ID = re.compile(r"[^a-z0-9-]+")


def summary_dir_for(options: AppOptions) -> Path | None:
    """Where `s` saves summaries, or None when saving is off (hosted without a per-reader dir)."""
    if options.save_dir:
        return Path(options.save_dir).expanduser()
    if options.hosted:
        return None
    from .options import user_dir

    return user_dir("data") / "summaries"


def render_summary(guide: Guide, state: FlowState, now: dt.datetime) -> str:
    """The summary of the reached outcome as plain text laid out as Markdown (headings, lists),
    readable as it is: guide text comes without Markdown syntax, and links to topics as
    "text (see: Topic title)". Raises ValueError before an outcome."""
    outcome = state.outcome
    if outcome is None:
        raise ValueError("the flow has not reached an outcome yet")

    def title_of(topic_id: str) -> str | None:
        topic = guide.topics.get(topic_id)
        return topic.title if topic is not None else None

    def plain(text: str) -> str:
        return inline_to_plain(text, title_of)
    description = urgency_description(guide, outcome.urgency)
    urgency_line = urgency_label(guide, outcome.urgency) + (f"{colon()}{description}"
                                                            if description else "")
    lines = [
        f"# {outcome.title}",
        "",
        f"**{_('How soon:')}** {urgency_line}",
        "",
        *([evidence_markdown(guide, outcome.evidence), ""] if outcome.evidence else []),
        _("Saved {time} from *{guide}*.").format(time=f"{now:%Y-%m-%d %H:%M}",
                                                  guide=guide.info.title),
        "",
    ]
    sections = {
        GET_HELP_IF: ["## " + _("Get help if"), "",
                      *[f"- {plain(item)}" for item in outcome.get_help_if], ""],
        WHAT_TO_DO: ["## " + _("What to do"), "",
                     markdown_to_plain(outcome.body, SUMMARY_WIDTH, title_of), ""],
    }
    for section in sections_in_order(outcome):  # warning signs before self-care
        lines += sections[section]
    lines += [
        "## " + _("Why you see this"),
        "",
        _("The answers given:"),
        "",
    ]
    for number, reason in enumerate(state.reasons(), start=1):
        lines.append(f"{number}. {reason.question} — **{reason.answer}**")
    topics = [guide.topics[t] for t in outcome.recommend if t in guide.topics]
    if topics:
        lines += ["", "## " + _("Recommended reading in the guide"), ""]
        for topic in topics:
            summary = f": {plain(topic.summary)}" if topic.summary else ""
            lines.append(f"- {topic.title}{summary}")
    sources = known_sources(guide, outcome.sources)
    if sources:
        lines += ["", "## " + _("Sources"), ""]
        for source in sources:
            lines.append(f"- {source_line(source)}")
    lines += [
        "",
        "---",
        "",
        _("Guide last reviewed {date}.").format(date=guide.info.reviewed.isoformat()),
    ]
    if guide.info.disclaimer:
        lines += ["", remove_unsafe(guide.info.disclaimer).strip()]
    # No unsafe characters in a file a reader may later `cat` in a terminal.
    return remove_unsafe("\n".join(lines) + "\n")


def summary_file_name(outcome_id: str, now: dt.datetime) -> str:
    """`leakguide-YYYY-MM-DD-HHMM-<outcome-id>.md`, with the id reduced to safe characters."""
    safe_id = _UNSAFE_ID.sub("-", outcome_id.lower()).strip("-")[:40].strip("-") or "outcome"
    return f"leakguide-{now:%Y-%m-%d-%H%M}-{safe_id}.md"


def save_summary(text: str, directory: Path, outcome_id: str, now: dt.datetime) -> Path:
    """Write `text` to a new file in `directory` and return its full path. Never overwrites.

    Raises OSError when the directory cannot be made or no free name is found.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = summary_file_name(outcome_id, now)
    stem, suffix = name[: -len(".md")], ".md"
    data = text.encode("utf-8")
    for attempt in range(1, MAX_COLLISIONS + 1):
        candidate = directory / (name if attempt == 1 else f"{stem}-{attempt}{suffix}")
        if create_new(candidate, data):
            return candidate.resolve()
    raise FileExistsError(f"no free file name for {name} in {directory}")
