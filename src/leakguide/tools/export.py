"""`leakguide export`: the whole guide as one Markdown or one self-contained HTML file."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from html import escape

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..content.links import TOPIC_SCHEME, markdown_parser
from ..content.model import Answer, Guide, Outcome, Question, Source, Topic
from ..content.unsafe import clean
from ..content.walk import ENTER, preorder, topic_events
from ..render.evidence import evidence_html, evidence_markdown
from ..render.outcome import GET_HELP_IF, sections_in_order, shown_marker, urgency_label
from ..render.plain import plain_label
from ..render.sources import known_sources
from ..render.topic import see_also

FORMATS = ("markdown", "html")


def flow_order(guide: Guide) -> tuple[list[Question], list[Outcome]]:
    """Questions and outcomes in the order a reader meets them (breadth first from the start),
    then any the start cannot reach, in file order."""
    flow = guide.flow
    questions: list[str] = []
    outcomes: list[str] = []
    queue = [flow.start]
    while queue:
        question_id = queue.pop(0)
        if question_id in questions or question_id not in flow.questions:
            continue
        questions.append(question_id)
        for answer in flow.questions[question_id].answers:
            if answer.next:
                queue.append(answer.next)
            elif answer.outcome and answer.outcome not in outcomes:
                outcomes.append(answer.outcome)
    questions += [q for q in flow.questions if q not in questions]
    outcomes += [o for o in flow.outcomes if o not in outcomes]
    return (
        [flow.questions[q] for q in questions],
        [flow.outcomes[o] for o in outcomes if o in flow.outcomes],
    )


def topic_depth(guide: Guide, topic: Topic) -> int:
    """1 for a section's top-level topic, 2 for its children, and so on."""
    return len(guide.topic_path(topic.id))


def _answer_target(guide: Guide, answer: Answer) -> tuple[str, str, str]:
    """(what kind, title, anchor) of where an answer leads."""
    if answer.next:
        question = guide.flow.questions.get(answer.next)
        return "next question", question.text if question else answer.next, f"q-{answer.next}"
    outcome = guide.flow.outcomes.get(answer.outcome or "")
    title = outcome.title if outcome else answer.target
    return "outcome", title, f"outcome-{answer.target}"


# --- Markdown -------------------------------------------------------------------------------

_TOPIC_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]\n]+\]:\s*<?)" + re.escape(TOPIC_SCHEME),
                         re.MULTILINE)


def md_text(text: str) -> str:
    """Plain text made safe to put in Markdown (no accidental emphasis, links or HTML)."""
    text = re.sub(r"([\\`*_\[\]<>#|&])", r"\\\1", plain_label(text))
    return re.sub(r"^(\d+)([.)])|^([-+=])", r"\1\\\2\3", text)


@lru_cache(maxsize=1)
def _html_finder() -> MarkdownIt:
    """The guide's dialect with raw HTML on: used only to find what must be escaped."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def _escape_raw_html(body: str) -> str:
    """`body` with raw HTML escaped, so a Markdown renderer that allows HTML shows it as text,
    as the app does."""
    lines = body.split("\n")
    for block in _html_finder().parse(body):
        if block.type == "html_block" and block.map:
            for number in range(*block.map):
                lines[number] = lines[number].replace("<", "\\<")
        elif block.type == "inline" and block.map and block.children:
            searched: dict[int, int] = {}
            for token in block.children:
                if token.type != "html_inline":
                    continue
                for number in range(*block.map):
                    found = lines[number].find(token.content, searched.get(number, 0))
                    if found != -1:
                        escaped = token.content.replace("<", "\\<")
                        lines[number] = (lines[number][:found] + escaped
                                         + lines[number][found + len(token.content):])
                        searched[number] = found + len(escaped)
                        break
    return "\n".join(lines)


def _md_body(body: str, base_level: int) -> str:
    """A Markdown body with raw HTML escaped, `topic:` links pointing at in-page anchors and
    headings moved below `base_level`."""
    body = _escape_raw_html(body.strip("\n"))
    lines = _TOPIC_LINK.sub(r"\1#topic-", body).split("\n")
    tokens = markdown_parser().parse("\n".join(lines))
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.level != 0 or not token.map:
            continue
        level = min(int(token.tag[1]) + base_level, 6)
        content = tokens[index + 1].content
        start, end = token.map
        lines[start] = "#" * level + " " + content
        for line in range(start + 1, end):
            lines[line] = None  # type: ignore[call-overload]  # a setext underline
    return "\n".join(line for line in lines if line is not None)


def render_markdown(guide: Guide) -> str:
    """The whole guide as Markdown: topics in reading order, then the flow, sources and labels."""
    guide = clean(guide)
    out: list[str] = []

    def para(text: str) -> None:
        if text.strip():
            out.extend([text, ""])

    info = guide.info
    para(f"# {md_text(info.title)}")
    para(md_text(info.summary))
    reviewed = f"Reviewed: {info.reviewed.isoformat()}."
    if info.review_due:
        reviewed += f" Next review due: {info.review_due.isoformat()}."
    para(f"*{reviewed}*")
    para("> " + md_text(info.disclaimer))

    for section in guide.sections.values():
        para(f'<a id="section-{escape(section.id)}"></a>')
        para(f"## {md_text(section.title)}")
        para(md_text(section.summary))
        for topic in _section_reading_order(guide, section.id):
            level = min(topic_depth(guide, topic) + 2, 6)
            para(f'<a id="topic-{escape(topic.id)}"></a>')
            para(f"{'#' * level} {md_text(topic.title)}")
            para(evidence_markdown(guide, topic.evidence, md_text))
            para(f"*{md_text(topic.summary)}*")
            para(_md_body(topic.body, level))
            sources = known_sources(guide, topic.sources)
            if sources:
                para("**Sources:**\n\n" + "\n".join(f"- {_md_source(s)}" for s in sources))
            others = see_also(guide, topic)
            if others:
                para("**See also:** " + ", ".join(_md_topic_link(guide, t) for t in others))

    flow = guide.flow
    questions, outcomes = flow_order(guide)
    para('<a id="flow"></a>')
    para(f"## {md_text(flow.title)}")
    para(_md_body(flow.intro, 2))
    para("### Questions")
    for number, question in enumerate(questions, 1):
        para(f'<a id="q-{escape(question.id)}"></a>')
        para(f"#### Question {number}: {md_text(question.text)}")
        if question.red_flags:
            para("*This question checks for warning signs.*")
        para(f"Why we ask: {md_text(question.why)}")
        items = []
        for answer in question.answers:
            kind, title, anchor = _answer_target(guide, answer)
            item = f"- {md_text(answer.label)} → {kind}: [{md_text(title)}](#{anchor})"
            if answer.outcome and answer.outcome in flow.outcomes:
                item += f" ({md_text(urgency_label(guide, flow.outcomes[answer.outcome].urgency))})"
            if answer.preview:
                item += f"\n  - Shown beside this answer: {md_text(answer.preview)}"
            items.append(item)
        para("\n".join(items))
    para("### Outcomes")
    for outcome in outcomes:
        para(f'<a id="outcome-{escape(outcome.id)}"></a>')
        para(f"#### {md_text(outcome.title)}")
        para(f"**Urgency:** {md_text(urgency_label(guide, outcome.urgency))}")
        para(evidence_markdown(guide, outcome.evidence, md_text))
        for part in sections_in_order(outcome):  # warning signs before self-care
            if part != GET_HELP_IF:
                para(_md_body(outcome.body, 4))
            elif outcome.get_help_if:
                para("**Get help if:**\n\n"
                     + "\n".join(f"- {md_text(t)}" for t in outcome.get_help_if))
        if outcome.recommend:
            para("**Recommended reading:**\n\n" + "\n".join(
                f"- {_md_topic_link(guide, t)}" for t in outcome.recommend))
        sources = known_sources(guide, outcome.sources)
        if sources:
            para("**Sources:**\n\n" + "\n".join(f"- {_md_source(s)}" for s in sources))

    para("## Sources")
    para("\n".join(f'- <a id="source-{escape(source_id)}"></a>{_md_source(source)}'
                   for source_id, source in guide.sources.items()))
    para("## Evidence labels")
    para("\n".join(f"- **{md_text(label.name)}**: {md_text(label.description)}"
                   for label in guide.labels.values()))
    para("## Urgency levels")
    para("\n".join(f"- **{md_text(shown_marker(u.marker))} {md_text(u.name)}**: "
                   f"{md_text(u.description)}"
                   for u in sorted(guide.urgencies.values(), key=lambda u: u.rank)))
    para("---")
    para(f"*{md_text(info.disclaimer)} {reviewed}*")
    return "\n".join(out).rstrip("\n") + "\n"


def _section_reading_order(guide: Guide, section_id: str) -> list[Topic]:
    return list(preorder(guide.section_topics(section_id), partial(_children, guide)))


def _children(guide: Guide, topic: Topic) -> tuple[Topic, ...]:
    return guide.child_topics(topic.id)


def _md_source(source: Source) -> str:
    url = f"<{source.url}>" if _is_web_url(source.url) else md_text(source.url)
    return f"{md_text(source.publisher)}: *{md_text(source.title)}* {url}"


def _is_web_url(url: str) -> bool:
    return re.match(r"https?://[^\s<>]+$", url) is not None


def _md_topic_link(guide: Guide, topic_id: str) -> str:
    topic = guide.topics.get(topic_id)
    return f"[{md_text(topic.title)}](#topic-{topic_id})" if topic else md_text(topic_id)


# --- HTML -----------------------------------------------------------------------------------

_STYLE = """
:root { color-scheme: light dark; }
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 46rem;
       margin: 0 auto; padding: 1rem; }
header .summary { font-size: 1.15rem; }
.disclaimer, .urgency { border-left: 0.3rem solid currentColor; padding: 0.2rem 0.8rem; }
.meta, .evidence, .why { font-style: italic; }
article { margin-top: 1.5rem; }
article article { margin-left: 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
pre { overflow-x: auto; padding: 0.5rem; border: 1px solid; }
.preview { font-weight: bold; }
@media print {
  :root { color-scheme: light; }
  body { max-width: none; font-size: 11pt; color: #000; background: #fff; }
  nav { display: none; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; word-break: break-all; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid-page; }
  li, .urgency, .disclaimer, table, pre { break-inside: avoid; }
  #flow, #sources { break-before: page; }
}
""".strip()


def _heading(level: int, text: str, anchor: str = "") -> str:
    tag = f"h{min(max(level, 1), 6)}"
    id_attr = f' id="{escape(anchor)}"' if anchor else ""
    return f"<{tag}{id_attr}>{escape(text)}</{tag}>"


def html_body(body: str, base_level: int) -> str:
    """A Markdown body as HTML: raw HTML escaped, `topic:` links made in-page anchors, headings
    moved below `base_level`, images made plain links (the file loads nothing)."""
    parser = markdown_parser()
    tokens = parser.parse(body)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + base_level, 6)}"
        if token.children:
            token.children = _html_inline(token.children)
    return parser.renderer.render(tokens, parser.options, {})


def _html_inline(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if href.startswith(TOPIC_SCHEME):
                token.attrSet("href", "#topic-" + href[len(TOPIC_SCHEME):])
        if token.type == "image":
            src = str(token.attrGet("src") or "")
            alt = "".join(child.content for child in token.children or []) or "image"
            link_open = Token("link_open", "a", 1)
            link_open.attrSet("href", src)
            text = Token("text", "", 0)
            text.content = f"Image: {alt}"
            out += [link_open, text, Token("link_close", "a", -1)]
            continue
        out.append(token)
    return out


def render_html(guide: Guide) -> str:
    """The whole guide as one self-contained HTML page (inline style only, no scripts)."""
    guide = clean(guide)
    info = guide.info
    out: list[str] = []
    add = out.append
    reviewed = f"Reviewed: {info.reviewed.isoformat()}."
    if info.review_due:
        reviewed += f" Next review due: {info.review_due.isoformat()}."

    add("<!DOCTYPE html>")
    add(f'<html lang="{escape(info.language)}">')
    add("<head>")
    add('<meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{escape(info.title)}</title>")
    add(f"<style>\n{_STYLE}\n</style>")
    add("</head>")
    add("<body>")
    add("<header>")
    add(_heading(1, info.title))
    add(f'<p class="summary">{escape(info.summary)}</p>')
    add(f'<p class="disclaimer" role="note">{escape(info.disclaimer)}</p>')
    add(f'<p class="meta">{escape(reviewed)}</p>')
    add("</header>")

    add('<nav aria-labelledby="contents">')
    add(_heading(2, "Contents", "contents"))
    add("<ol>")
    for section in guide.sections.values():
        add(f'<li><a href="#section-{escape(section.id)}">{escape(section.title)}</a>')
        topics = guide.section_topics(section.id)
        if topics:
            add(_html_toc(guide, topics))
        add("</li>")
    add(f'<li><a href="#flow">{escape(guide.flow.title)}</a></li>')
    add('<li><a href="#sources">Sources</a></li>')
    add('<li><a href="#labels">Evidence labels</a></li>')
    add("</ol>")
    add("</nav>")

    add("<main>")
    for section in guide.sections.values():
        add(f'<section aria-labelledby="section-{escape(section.id)}">')
        add(_heading(2, section.title, f"section-{section.id}"))
        if section.summary:
            add(f"<p>{escape(section.summary)}</p>")
        for topic in guide.section_topics(section.id):
            _html_topic(guide, topic, 3, add)
        add("</section>")
    _html_flow(guide, add)

    add('<section aria-labelledby="sources">')
    add(_heading(2, "Sources", "sources"))
    add("<ol>")
    for source_id, source in guide.sources.items():
        add(f'<li id="source-{escape(source_id)}">{_html_source(source)}</li>')
    add("</ol>")
    add("</section>")
    add('<section aria-labelledby="labels">')
    add(_heading(2, "Evidence labels", "labels"))
    add("<dl>")
    for label in guide.labels.values():
        add(f"<dt>{escape(label.name)}</dt><dd>{escape(label.description)}</dd>")
    add("</dl>")
    add(_heading(2, "Urgency levels", "urgency"))
    add("<dl>")
    for urgency in sorted(guide.urgencies.values(), key=lambda u: u.rank):
        add(f"<dt>{escape(shown_marker(urgency.marker))} {escape(urgency.name)}</dt>"
            f"<dd>{escape(urgency.description)}</dd>")
    add("</dl>")
    add("</section>")
    add("</main>")
    add("<footer>")
    add(f"<p>{escape(info.disclaimer)} {escape(reviewed)}</p>")
    add("</footer>")
    add("</body>")
    add("</html>")
    return "\n".join(out) + "\n"


def _html_toc(guide: Guide, topics: tuple[Topic, ...]) -> str:
    parts = ["<ol>"]
    for event, topic, _depth in topic_events(topics, partial(_children, guide)):
        has_children = bool(guide.child_topics(topic.id))
        if event == ENTER:
            parts.append(f'<li><a href="#topic-{escape(topic.id)}">{escape(topic.title)}</a>')
            if has_children:
                parts.append("<ol>")
        else:
            parts.append("</ol>\n</li>" if has_children else "</li>")
    parts.append("</ol>")
    return "\n".join(parts)


def _html_source(source: Source) -> str:
    url = escape(source.url)
    link = f'<a href="{url}">{url}</a>' if _is_web_url(source.url) else url
    return f"{escape(source.publisher)}: <cite>{escape(source.title)}</cite> {link}"


def _html_topic_link(guide: Guide, topic_id: str) -> str:
    topic = guide.topics.get(topic_id)
    if topic is None:
        return escape(topic_id)
    return f'<a href="#topic-{escape(topic_id)}">{escape(topic.title)}</a>'


def _html_list(items: list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def _html_topic(guide: Guide, root: Topic, level: int, add: Callable[[str], None]) -> None:
    """`root` and its subtopics as nested articles (no recursion: safe however deep)."""
    for event, topic, depth in topic_events([root], partial(_children, guide)):
        if event == ENTER:
            _html_topic_start(guide, topic, level + depth, add)
        else:
            add("</article>")


def _html_topic_start(guide: Guide, topic: Topic, level: int, add: Callable[[str], None]) -> None:
    add(f'<article aria-labelledby="topic-{escape(topic.id)}">')
    add(_heading(level, topic.title, f"topic-{topic.id}"))
    if topic.evidence:
        add(evidence_html(guide, topic.evidence))
    add(f'<p class="summary"><strong>{escape(topic.summary)}</strong></p>')
    add(html_body(topic.body, level).rstrip("\n"))
    sources = known_sources(guide, topic.sources)
    if sources:
        add(_heading(level + 1, "Sources"))
        add(_html_list([_html_source(s) for s in sources]))
    others = see_also(guide, topic)
    if others:
        add("<p>See also: " + ", ".join(_html_topic_link(guide, t) for t in others) + "</p>")


def _html_flow(guide: Guide, add: Callable[[str], None]) -> None:
    flow = guide.flow
    questions, outcomes = flow_order(guide)
    add('<section aria-labelledby="flow">')
    add(_heading(2, flow.title, "flow"))
    if flow.intro:
        add(html_body(flow.intro, 2).rstrip("\n"))
    add(_heading(3, "Questions"))
    for number, question in enumerate(questions, 1):
        add(f'<section aria-labelledby="q-{escape(question.id)}">')
        add(_heading(4, f"Question {number}: {question.text}", f"q-{question.id}"))
        if question.red_flags:
            add('<p class="why">This question checks for warning signs.</p>')
        add(f'<p class="why">Why we ask: {escape(question.why)}</p>')
        items = []
        for answer in question.answers:
            kind, title, anchor = _answer_target(guide, answer)
            item = (f"{escape(answer.label)} &rarr; {kind}: "
                    f'<a href="#{escape(anchor)}">{escape(title)}</a>')
            if answer.outcome and answer.outcome in flow.outcomes:
                urgency = urgency_label(guide, flow.outcomes[answer.outcome].urgency)
                item += f" ({escape(urgency)})"
            if answer.preview:
                item += (f'<br><span class="preview">Shown beside this answer: '
                         f"{escape(answer.preview)}</span>")
            items.append(item)
        add(_html_list(items))
        add("</section>")
    add(_heading(3, "Outcomes"))
    for outcome in outcomes:
        add(f'<section aria-labelledby="outcome-{escape(outcome.id)}">')
        add(_heading(4, outcome.title, f"outcome-{outcome.id}"))
        add(f'<p class="urgency"><strong>Urgency: '
            f"{escape(urgency_label(guide, outcome.urgency))}</strong></p>")
        if outcome.evidence:
            add(evidence_html(guide, outcome.evidence))
        for part in sections_in_order(outcome):  # warning signs before self-care
            if part != GET_HELP_IF:
                add(html_body(outcome.body, 4).rstrip("\n"))
            elif outcome.get_help_if:
                add(_heading(5, "Get help if"))
                add(_html_list([escape(t) for t in outcome.get_help_if]))
        if outcome.recommend:
            add(_heading(5, "Recommended reading"))
            add(_html_list([_html_topic_link(guide, t) for t in outcome.recommend]))
        sources = known_sources(guide, outcome.sources)
        if sources:
            add(_heading(5, "Sources"))
            add(_html_list([_html_source(s) for s in sources]))
        add("</section>")
    add("</section>")


def render(guide: Guide, fmt: str) -> str:
    """The guide exported as `fmt` (one of FORMATS)."""
    return render_html(guide) if fmt == "html" else render_markdown(guide)
