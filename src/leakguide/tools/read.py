"""`leakguide read`: the guide as plain linear text for screen readers, pipes and `ssh -T`."""

from __future__ import annotations

import difflib
import shutil

from ..content.model import Guide, Topic
from ..content.unsafe import clean
from ..content.walk import preorder
from ..i18n import N_, _
from ..render.evidence import evidence_plain
from ..render.plain import TopicTitles, markdown_to_plain, plain_label, wrap
from ..render.sources import known_sources, source_line
from ..render.topic import see_also, topic_trail

DEFAULT_WIDTH = 80
ASK_HINT = N_("To get advice for your situation, run: leakguide ask")
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def terminal_width(requested: int | None = None) -> int:
    """`requested`, else the terminal's width (80 when there is no terminal)."""
    if requested:
        return requested
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns or DEFAULT_WIDTH


class PlainWriter:
    """Collects wrapped lines; headings are bold only when colour was asked for."""

    def __init__(self, width: int, color: bool = False) -> None:
        self.width = width
        self.color = color
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def heading(self, text: str, gap: bool = True) -> None:
        if gap:
            self.blank()
        for line in wrap(plain_label(text), self.width):
            self.lines.append(f"{_BOLD}{line}{_RESET}" if self.color else line)

    def para(self, text: str, indent: str = "", subsequent: str | None = None) -> None:
        text = plain_label(text)
        if text:
            self.lines.extend(wrap(text, self.width, indent, subsequent))

    def item(self, text: str) -> None:
        self.para(text, "- ", "  ")

    def listing(self, title: str, items: list[str]) -> None:
        """A titled list ("Sources:", then "- " items) after a blank line; nothing if empty."""
        if items:
            self.blank()
            self.para(title)
            for text in items:
                self.item(text)

    def block(self, rendered: str) -> None:
        if rendered.strip():
            self.blank()
            self.lines.extend(rendered.split("\n"))

    def text(self) -> str:
        return "\n".join(self.lines).strip("\n") + "\n"


def _outline_numbers(guide: Guide) -> dict[str, str]:
    """"1", "1.2", "1.2.1"... for every section and topic, in reading order."""
    numbers: dict[str, str] = {}
    for section_index, section_id in enumerate(guide.sections, 1):
        numbers[f"section:{section_id}"] = str(section_index)
        stack = [(topic, f"{section_index}.{index}") for index, topic
                 in reversed(list(enumerate(guide.section_topics(section_id), 1)))]
        while stack:  # no recursion: safe however deep the tree
            topic, number = stack.pop()
            numbers[topic.id] = number
            stack.extend((child, f"{number}.{index}") for index, child
                         in reversed(list(enumerate(guide.child_topics(topic.id), 1))))
    return numbers


def topic_titles(guide: Guide, with_commands: bool = True) -> TopicTitles:
    """How plain text names a linked topic: its title, and the command that reads it."""

    def title_of(topic_id: str) -> str | None:
        other = guide.topics.get(topic_id)
        if other is None:
            return None
        return f"{other.title}, leakguide read {other.id}" if with_commands else other.title

    return title_of


def _write_topic(out: PlainWriter, guide: Guide, topic: Topic, heading: str,
                 with_commands: bool, trail: str = "") -> None:
    title_of = topic_titles(guide, with_commands)
    out.heading(heading)
    if trail:
        out.para(_("In: {trail}").format(trail=trail))
    out.para(evidence_plain(guide, topic.evidence))
    out.para(topic.summary)
    out.block(markdown_to_plain(topic.body, out.width, title_of))
    out.listing(_("Sources:"), [source_line(s) for s in known_sources(guide, topic.sources)])
    out.listing(_("See also:"), [title_of(t) or t for t in see_also(guide, topic)])


def _titles(guide: Guide):
    return lambda topic_id: guide.topics[topic_id].title if topic_id in guide.topics else None


def _write_front(out: PlainWriter, guide: Guide) -> None:
    out.heading(guide.info.title)
    out.para(guide.info.summary)
    out.blank()
    out.para(guide.info.disclaimer)
    reviewed = _("Reviewed: {date}.").format(date=guide.info.reviewed.isoformat())
    if guide.info.review_due:
        reviewed += " " + _("Next review due: {date}.").format(
            date=guide.info.review_due.isoformat())
    out.para(reviewed)


def render_guide(guide: Guide, width: int = DEFAULT_WIDTH, color: bool = False) -> str:
    """The whole guide in reading order, then how to get advice for one's own situation."""
    guide = clean(guide)
    out = PlainWriter(width, color)
    numbers = _outline_numbers(guide)
    _write_front(out, guide)

    def children(topic: Topic) -> tuple[Topic, ...]:
        return guide.child_topics(topic.id)

    for section in guide.sections.values():
        out.heading(_("Section {number}: {title}").format(
            number=numbers['section:' + section.id], title=section.title))
        out.para(section.summary)
        for topic in preorder(guide.section_topics(section.id), children):
            _write_topic(out, guide, topic, f"{numbers[topic.id]} {topic.title}", False)
    out.heading(guide.flow.title)
    out.block(markdown_to_plain(guide.flow.intro, width, _titles(guide)))
    out.blank()
    out.para(_(ASK_HINT))
    return out.text()


def render_topic(guide: Guide, topic_id: str, width: int = DEFAULT_WIDTH,
                 color: bool = False) -> str:
    """One topic, with where it sits in the guide and the commands to read what it links to."""
    guide = clean(guide)
    topic = guide.topics[topic_id]
    out = PlainWriter(width, color)
    _write_topic(out, guide, topic, topic.title, True, " > ".join(topic_trail(guide, topic_id)))
    children = guide.child_topics(topic_id)
    out.listing(_("More on this:"),
                [f"{child.title}, leakguide read {child.id}" for child in children])
    out.blank()
    out.para(guide.info.disclaimer)
    return out.text()


def close_topic_ids(guide: Guide, wanted: str, limit: int = 5) -> list[str]:
    """Topic ids that look like `wanted` (by id or by title), best first."""
    ids = list(guide.topics)
    found = difflib.get_close_matches(wanted.lower(), ids, n=limit, cutoff=0.5)
    by_title = {t.title.lower(): t.id for t in guide.topics.values()}
    for title in difflib.get_close_matches(wanted.lower(), list(by_title), n=limit, cutoff=0.5):
        if by_title[title] not in found:
            found.append(by_title[title])
    found += [i for i in ids if wanted.lower() in i and i not in found]
    return found[:limit]


def unknown_topic_message(guide: Guide, wanted: str) -> str:
    """What to tell a reader who asked for a topic id the guide does not have."""
    shown = plain_label(wanted)
    close = close_topic_ids(guide, wanted)
    if close:
        return _("leakguide: no topic `{id}`. Did you mean: {ids}?").format(
            id=shown, ids=", ".join(close))
    return _("leakguide: no topic `{id}`. Run `leakguide read --list` to see every topic "
             "id.").format(id=shown)


def render_topic_list(guide: Guide) -> str:
    """Every topic id and title, indented by depth, in reading order."""
    guide = clean(guide)
    lines = []
    for topic in guide.reading_order():
        depth = len(guide.topic_path(topic.id)) - 1
        lines.append(f"{'  ' * depth}{topic.id}  {plain_label(topic.title)}")
    return "\n".join(lines) + "\n"
