"""A topic reads the same in every front end: the content pane, `read` and `export` (Markdown
and HTML) show the trail, the sources and the see-also list that `render.topic` and
`render.sources` give, in the same order."""

from __future__ import annotations

from html import escape

from snapshot_apps import bodies_drawn, make_app

from leakguide.content import bundled_guide_path, load_guide
from leakguide.content.model import Guide
from leakguide.render.sources import known_sources, source_line
from leakguide.render.topic import related_topics, see_also, topic_trail
from leakguide.tools.export import md_text, render_html, render_markdown
from leakguide.tools.read import render_topic
from leakguide.widgets.topic_view import TopicView


def bundled_guide() -> Guide:
    result = load_guide(bundled_guide_path())
    assert result.guide is not None, result.problems
    return result.guide


def assert_in_order(text: str, pieces: list[str]) -> None:
    """Every piece is in `text`, each after the one before."""
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        assert found != -1, (piece, text[at:at + 2000])
        at = found + len(piece)


def part_from(text: str, marker: str, end: str) -> str:
    """`text` from `marker` to the next `end` after it."""
    start = text.index(marker)
    stop = text.find(end, start + len(marker))
    return text[start:stop if stop != -1 else len(text)]


def test_read_and_both_exports_show_each_topics_trail_sources_and_see_also_in_order():
    guide = bundled_guide()
    markdown, html = render_markdown(guide), render_html(guide)
    checked_sources = checked_see_also = 0
    for topic in guide.topics.values():
        sources = known_sources(guide, topic.sources)
        others = see_also(guide, topic)
        checked_sources += len(sources)
        checked_see_also += len(others)
        trail = topic_trail(guide, topic.id)
        text = render_topic(guide, topic.id, width=2000)
        assert_in_order(text, [*(["In: " + " > ".join(trail)] if trail else []),
                               *(source_line(s) for s in sources),
                               *(guide.topics[t].title for t in others)])
        md = part_from(markdown, f'<a id="topic-{topic.id}"></a>', '<a id="')
        assert_in_order(md, [*(f"{md_text(s.publisher)}: *{md_text(s.title)}*" for s in sources),
                             *(f"](#topic-{t})" for t in others)])
        article = part_from(html, f'<article aria-labelledby="topic-{topic.id}">', "<article")
        assert_in_order(article, [
            *(f"{escape(s.publisher)}: <cite>{escape(s.title)}</cite>" for s in sources),
            *(f'<a href="#topic-{t}">{escape(guide.topics[t].title)}</a>' for t in others)])
    assert checked_sources and checked_see_also  # the guide has both, so the test can fail


def test_every_see_also_topic_is_in_the_related_list():
    guide = bundled_guide()
    for topic in guide.topics.values():
        related = related_topics(guide, topic.id)
        assert all(t in related for t in see_also(guide, topic) if t != topic.id)


async def test_the_content_pane_shows_the_same_trail_and_sources_as_read():
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await bodies_drawn(pilot)
        view = app.screen.query_one(TopicView)
        for topic_id in ("triggers", "pads"):
            view.show_topic(topic_id)
            await pilot.pause()
            guide = app.guide
            topic = guide.topics[topic_id]
            lines = view.text_lines
            trail = topic_trail(guide, topic_id)
            assert trail  # both topics sit in a section
            assert lines[:2] == [" › ".join(trail), topic.title]  # the title once, not twice
            assert sum(topic.title in line for line in lines) == 1
            sources = known_sources(guide, topic.sources)
            assert sources
            assert_in_order("\n".join(lines), [
                piece for s in sources for piece in (f"• {s.publisher}: {s.title}", s.url)])
            text = render_topic(guide, topic_id, width=2000)
            assert_in_order(text, [source_line(s) for s in sources])
