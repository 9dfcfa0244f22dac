"""The Markdown renderer and the terminal-safety filter (no Textual needed)."""

from __future__ import annotations

import json

import pytest
from conftest import CORPORA
from rich.console import Console

from leakguide.content.unsafe import is_safe, safe_text
from leakguide.render.markdown import FOLLOW_ACTION, render_markdown

EXAMPLES = CORPORA / "commonmark" / "examples.json"


def _render(source: str, width: int = 60) -> tuple[list[str], list]:
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    rendered = render_markdown(source)
    lines = console.render_lines(rendered.renderable, console.options.update(width=width))
    texts = ["".join(segment.text for segment in line).rstrip() for line in lines]
    return texts, [segment for line in lines for segment in line]


def test_every_commonmark_example_renders_at_several_widths():
    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    assert len(examples) > 600
    console = Console(force_terminal=True, color_system="truecolor")
    for example in examples:
        rendered = render_markdown(example["markdown"])
        for width in (80, 20, 3):
            lines = console.render_lines(rendered.renderable, console.options.update(width=width))
            for line in lines:
                text = "".join(segment.text for segment in line)
                assert is_safe(text), (example["example"], text)


def test_blocks_inline_styles_and_lists():
    lines, segments = _render(
        "# Head\n\nSome *soft* and **firm** `code`.\n\n- one\n- two\n  1. inner\n  2. more\n\n"
        "> quoted\n\n---\n\n```\nx = 1\n```\n"
    )
    assert lines[0] == "Head"
    assert "Some soft and firm code." in lines
    assert "• one" in lines and "  1. inner" in lines and "  2. more" in lines
    assert "▌ quoted" in lines
    assert any(set(line) == {"─"} for line in lines)
    assert "  x = 1" in lines
    styles = {segment.text: segment.style for segment in segments if segment.style}
    assert styles["soft"].italic and styles["firm"].bold


def test_ordered_list_keeps_its_start_number():
    lines, _ = _render("7. seven\n8. eight\n9. nine\n10. ten\n")
    assert lines == [" 7. seven", " 8. eight", " 9. nine", "10. ten"]


def test_table_shows_headers_and_cells():
    lines, _ = _render("| Name | Size |\n|---|--:|\n| pad | 12 |\n")
    assert "Name" in lines[0] and "Size" in lines[0]
    assert any("pad" in line and "12" in line for line in lines[1:])


def test_topic_links_are_collected_and_clickable():
    rendered = render_markdown("See [pads](topic:pads) and [the reflex](topic:let-down).")
    assert rendered.topic_links == ["pads", "let-down"]
    _, segments = _render("See [pads](topic:pads).")
    link = next(s for s in segments if s.text == "pads")
    assert link.style.meta["@click"] == (FOLLOW_ACTION, ("pads",))
    assert link.style.underline


def test_web_links_become_terminal_hyperlinks_and_show_the_address():
    lines, segments = _render("Read [the NHS page](https://www.nhs.uk/a).")
    assert "Read the NHS page <https://www.nhs.uk/a>." in lines
    link = next(s for s in segments if s.text.startswith("the NHS"))
    assert link.style.link == "https://www.nhs.uk/a"


def test_other_link_schemes_are_not_made_hyperlinks():
    _, segments = _render("[run](javascript:alert(1))")
    assert all(not (s.style and s.style.link) for s in segments)


@pytest.mark.parametrize("bad", ["\x1b[31m", "\x9b31m", "\x07", "\u202e", "\u2066", "\r", "\x00"])
def test_control_characters_never_reach_the_output(bad):
    assert bad not in safe_text(f"a{bad}b")
    lines, segments = _render(f"# T{bad}itle\n\nText {bad} here `co{bad}de` [l{bad}](topic:x)\n")
    assert all(bad not in segment.text for segment in segments)


def test_safe_text_keeps_ordinary_text_and_can_flatten_lines():
    assert safe_text("Café\tau lait\nnext") == "Café au lait\nnext"
    assert safe_text("one\ntwo", one_line=True) == "one two"


def test_search_history_and_render_do_not_import_textual():
    import subprocess
    import sys

    from conftest import REPO

    code = ("import leakguide.search, leakguide.history, leakguide.render.markdown, "
            "leakguide.render.topic, leakguide.render.cells, sys; print('\\n'.join(sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(REPO / "src")}, check=True)
    modules = set(result.stdout.split())
    assert "leakguide.search" in modules
    assert not {m for m in modules if m.split(".")[0] == "textual"}
