"""`leakguide export`: Markdown and one self-contained, well-formed HTML file."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import run_cli
from tools_helpers import GUIDES, MINIMAL, RAW_HTML, load

VOID_ELEMENTS = {"meta", "br", "hr", "img", "link", "input", "wbr", "source", "col", "area"}


class TagChecker(HTMLParser):
    """Records every start tag and every nesting error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def export_html(path) -> tuple[str, TagChecker]:
    result = run_cli("export", str(path), "--format", "html")
    assert result.returncode == 0, result.stderr
    checker = TagChecker()
    checker.feed(result.stdout)
    checker.close()
    return result.stdout, checker


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_html_is_well_formed_and_complete(guide_path):
    guide = load(guide_path)
    html, checker = export_html(guide_path)
    assert html.startswith("<!DOCTYPE html>")
    assert checker.errors == []
    assert checker.stack == []
    tags = [tag for tag, _ in checker.tags]
    assert "script" not in tags
    assert "<script" not in html.lower()
    html_attrs = dict(checker.tags)["html"]
    assert html_attrs["lang"] == guide.info.language
    text = " ".join("".join(checker.text).split())
    for topic in guide.topics.values():
        assert " ".join(topic.title.split()) in text
    for outcome in guide.flow.outcomes.values():
        assert " ".join(outcome.title.split()) in text
    links = {attrs.get("href") for _, attrs in checker.tags}  # parsed, so `&amp;` is `&` again
    for source in guide.sources.values():
        assert source.url in links or source.url in text
    for label_id in {t.evidence for t in guide.topics.values() if t.evidence}:
        assert guide.labels[label_id].name in text
    assert guide.info.reviewed.isoformat() in text
    assert "@media print" in html


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_html_loads_nothing_from_outside(guide_path):
    _, checker = export_html(guide_path)
    for tag, attrs in checker.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed"}
        assert "src" not in attrs
        assert not any(name.startswith("on") for name in attrs)


def test_html_topic_links_become_in_page_anchors():
    guide = load(MINIMAL)
    _, checker = export_html(MINIMAL)
    ids = {attrs["id"] for _, attrs in checker.tags if attrs.get("id")}
    for topic_id in guide.topics:
        assert f"topic-{topic_id}" in ids
    hrefs = [attrs["href"] for tag, attrs in checker.tags if tag == "a"]
    assert "#topic-pads" in hrefs  # the body link [breast pads](topic:pads)
    assert not [h for h in hrefs if h.startswith("topic:")]
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_raw_html_in_a_body_is_escaped():
    html, checker = export_html(RAW_HTML)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    tags = [tag for tag, _ in checker.tags]
    assert "script" not in tags and "b" not in tags and "img" not in tags
    assert "table" in tags  # Markdown itself still renders
    assert checker.errors == []


def test_headings_are_nested_without_skipping_levels():
    _, checker = export_html(MINIMAL)
    levels = [int(tag[1]) for tag, _ in checker.tags if tag in {f"h{n}" for n in range(1, 7)}]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_markdown_export_has_every_topic_and_outcome(guide_path):
    guide = load(guide_path)
    result = run_cli("export", str(guide_path), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    headings = [line.lstrip("#").strip().replace("\\", "")
                for line in result.stdout.splitlines() if line.startswith("#")]
    for topic in guide.topics.values():
        assert topic.title in headings
    for outcome in guide.flow.outcomes.values():
        assert outcome.title in headings
    assert guide.info.disclaimer.replace("\\", "") in result.stdout.replace("\\", "")


def test_markdown_export_points_topic_links_at_anchors():
    result = run_cli("export", str(MINIMAL), "--format", "markdown")
    assert "[breast pads](#topic-pads)" in result.stdout
    assert '<a id="topic-pads"></a>' in result.stdout
    assert "topic:" not in result.stdout


def test_export_writes_to_a_file(tmp_path):
    target = tmp_path / "guide.html"
    result = run_cli("export", str(MINIMAL), "--format", "html", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_export_to_a_missing_folder_is_a_clear_error(tmp_path):
    target = tmp_path / "missing" / "guide.html"
    result = run_cli("export", str(MINIMAL), "--format", "markdown", "-o", str(target))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.parent.exists()


def test_markdown_export_escapes_raw_html():
    from markdown_it import MarkdownIt

    result = run_cli("export", str(RAW_HTML), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    # Even a renderer that allows raw HTML shows the body's tags as text.
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(result.stdout)
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "&lt;b&gt;x&lt;/b&gt;" in rendered
    assert "<img" not in rendered
    assert "&lt;script&gt;code()&lt;/script&gt;" in rendered  # the code block, unchanged
    assert "\\<script>code()" not in result.stdout


def _tcm_outcome_guide(tmp_path):
    """The minimal guide with the outcome `talk` labelled "Traditional Chinese medicine view"
    (a label no topic carries), so its name shows only if the outcome shows it."""
    text = MINIMAL.read_text(encoding="utf-8").replace(
        'urgency = "talk-soon"\nevidence = "clinical"', 'urgency = "talk-soon"\nevidence = "tcm"'
    )
    path = tmp_path / "tcm.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_markdown_export_shows_each_outcome_label_after_its_urgency(tmp_path):
    result = run_cli("export", str(_tcm_outcome_guide(tmp_path)), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    talk = out[out.index('<a id="outcome-talk"></a>'):]
    assert talk.startswith(
        '<a id="outcome-talk"></a>\n\n#### Talk to your health visitor\n\n'
        "**Urgency:** \\[soon\\] Talk to someone soon\n\n"
        "**Evidence:** Traditional Chinese medicine view\n\n"
        "**Get help if:**\n\n- Feeding hurts.\n\n"  # warning signs before self-care
        "Ask for a feeding check.\n"
    )
    # A topic's label in the same words.
    assert "### Breast pads\n\n**Evidence:** Clinical guidance\n" in out


def test_html_export_shows_each_outcome_label_after_its_urgency(tmp_path):
    html, checker = export_html(_tcm_outcome_guide(tmp_path))
    assert checker.errors == []
    talk = html[html.index('<section aria-labelledby="outcome-talk">'):]
    assert talk.split("\n")[1:4] == [
        '<h4 id="outcome-talk">Talk to your health visitor</h4>',
        '<p class="urgency"><strong>Urgency: [soon] Talk to someone soon</strong></p>',
        '<p class="evidence">Evidence: <strong>Traditional Chinese medicine view</strong></p>',
    ]
    assert ('<h3 id="topic-pads">Breast pads</h3>\n'
            '<p class="evidence">Evidence: <strong>Clinical guidance</strong></p>') in html
