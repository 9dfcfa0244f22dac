"""`leakguide read` and the Markdown-to-plain-text renderer behind it."""

from __future__ import annotations

import re

import pytest
from conftest import run_cli
from tools_helpers import GUIDES, MINIMAL, load

from leakguide.content.unsafe import remove_unsafe
from leakguide.render.cells import cells
from leakguide.render.plain import markdown_to_plain

BOX_DRAWING = re.compile("[\u2500-\u257f\u2580-\u259f]")


def too_long(text: str, width: int) -> list[str]:
    """Lines over `width` that could have been broken: only a lone long word (such as a URL)
    after the indentation and list marker may stick out."""
    bad = []
    for line in text.splitlines():
        if len(line) <= width:
            continue
        words = re.sub(r"^\s*(?:-|\d+\.)?\s*", "", line).split()
        if len(words) > 1:
            bad.append(line)
    return bad


@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_read_whole_guide_in_reading_order(guide_path):
    guide = load(guide_path)
    result = run_cli("read", "--guide", str(guide_path), "--width", "80")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    squashed = " ".join(out.split())
    assert out.startswith(guide.info.title)
    position = 0
    for topic in guide.reading_order():
        found = squashed.find(" ".join(topic.title.split()), position)
        assert found != -1, f"{topic.id} missing or out of order"
        position = found
    for section in guide.sections.values():
        assert " ".join(section.title.split()) in squashed
    for label_id in {t.evidence for t in guide.topics.values() if t.evidence}:
        assert f"Evidence: {guide.labels[label_id].name}" in squashed
    assert "run: leakguide ask" in out
    assert "\x1b" not in out
    assert not BOX_DRAWING.search(out)
    assert too_long(out, 80) == []


@pytest.mark.parametrize("width", [20, 40, 63, 100])
@pytest.mark.parametrize("guide_path", GUIDES, ids=lambda p: p.name)
def test_read_respects_width(guide_path, width):
    result = run_cli("read", "--guide", str(guide_path), "--width", str(width))
    assert result.returncode == 0
    assert too_long(result.stdout, width) == []


def test_read_uses_the_terminal_width_from_columns():
    result = run_cli("read", "--guide", str(MINIMAL), env={"COLUMNS": "30"})
    assert too_long(result.stdout, 30) == []
    assert max(len(line) for line in result.stdout.splitlines()) > 20


def test_read_one_topic():
    guide = load(MINIMAL)
    result = run_cli("read", "let-down", "--guide", str(MINIMAL), "--width", "40")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == guide.topics["let-down"].title
    assert "In: Why it happens" in lines
    assert "Evidence: Clinical guidance" in lines
    squashed = " ".join(result.stdout.split())
    # a topic: link names the topic it leads to, and how to read it
    assert "breast pads (see: Breast pads, leakguide read pads)" in squashed
    assert "NHS: Mastitis <https://www.nhs.uk/conditions/mastitis/>" in squashed
    assert "What sets it off, leakguide read triggers" in squashed  # a child topic
    assert guide.topics["pads"].summary not in squashed  # only this topic
    assert too_long(result.stdout, 40) == []


def test_read_unknown_topic_lists_close_ids():
    result = run_cli("read", "pad", "--guide", str(MINIMAL))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no topic `pad`" in result.stderr
    assert "pads" in result.stderr
    assert "Traceback" not in result.stderr


def test_read_unknown_topic_with_nothing_close():
    result = run_cli("read", "zzzzzz", "--guide", str(MINIMAL))
    assert result.returncode == 2
    assert "leakguide read --list" in result.stderr


def test_read_list_shows_every_topic_id():
    guide = load(MINIMAL)
    result = run_cli("read", "--list", "--guide", str(MINIMAL))
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == [t.id for t in guide.reading_order()]


def test_read_color_only_when_asked():
    plain = run_cli("read", "--guide", str(MINIMAL)).stdout
    colored = run_cli("read", "--guide", str(MINIMAL), "--color").stdout
    assert "\x1b" not in plain
    assert "\x1b[1m" in colored
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain


# --- the renderer ---------------------------------------------------------------------------

def titles(topic_id: str) -> str | None:
    return {"pads": "Breast pads"}.get(topic_id)


def test_plain_links_lists_and_emphasis():
    body = (
        "Use **soft** [pads](topic:pads) and *read* [the NHS page](https://nhs.uk/x).\n\n"
        "- one\n- two\n  - nested\n\n3. three\n4. four\n"
    )
    out = markdown_to_plain(body, 80, titles)
    assert out.splitlines() == [
        "Use soft pads (see: Breast pads) and read the NHS page <https://nhs.uk/x>.",
        "",
        "- one",
        "- two",
        "  - nested",
        "",
        "3. three",
        "4. four",
    ]


def test_plain_headings_code_and_quotes():
    body = "# Title\n\nText with `code *kept*`.\n\n```\nline  one\n  two\n```\n\n> quoted\n"
    lines = markdown_to_plain(body, 80).splitlines()
    assert lines[0] == "Title"
    assert "Text with code *kept*." in lines
    assert "    line  one" in lines and "      two" in lines
    assert "    quoted" in lines


def test_plain_table_aligned_and_falls_back_when_too_wide():
    body = "| Name | Use |\n|---|---|\n| Cotton pad | Washable |\n| Disposable | Once |\n"
    assert markdown_to_plain(body, 80).splitlines() == [
        "Name        Use",
        "----------  --------",
        "Cotton pad  Washable",
        "Disposable  Once",
    ]
    narrow = markdown_to_plain(body.replace("Washable", "Washable " * 5), 24)
    assert "Name: Cotton pad" in narrow.splitlines()
    assert too_long(narrow, 24) == []


def test_plain_wraps_without_breaking_urls():
    url = "https://example.com/" + "a" * 60
    out = markdown_to_plain(f"Some words before <{url}> and after.", 30)
    assert f"<{url}>" in out.splitlines()
    assert too_long(out, 30) == []


def test_plain_keeps_raw_html_as_text_and_strips_escapes():
    out = markdown_to_plain("<b>x</b> \x1b[31mred\x1b[0m \x07bell", 80)
    assert out == "<b>x</b> [31mred[0m bell"


def test_remove_unsafe_keeps_text_tabs_and_newlines():
    assert remove_unsafe("a\tb\r\nc\x1b\x9b\u202ed\x00") == "a\tb\ncd"


def test_plain_wraps_wide_characters_by_the_columns_they_take():
    """CJK characters take two columns: lines are measured in columns, and text without
    spaces breaks between characters, losing none."""
    body = "漏奶很常见。" * 12 + " Pads help."
    lines = markdown_to_plain(body, 24).splitlines()
    assert len(lines) > 3
    assert all(cells(line) <= 24 for line in lines), lines
    assert "".join(lines).replace(" ", "") == body.replace(" ", "")
    mixed = markdown_to_plain("Milk 漏奶 leaks when the let-down reflex 反射 starts early.", 20)
    assert all(cells(line) <= 20 for line in mixed.splitlines())


def test_plain_table_aligns_wide_characters_by_columns():
    body = "| 名称 | Use |\n|---|---|\n| 棉垫 | Washable |\n| Disposable | Once |\n"
    lines = markdown_to_plain(body, 80).splitlines()
    use_column = {cells(line[: line.index(word)]) for line, word in
                  zip(lines[2:], ["Washable", "Once"], strict=True)}
    assert use_column == {12}, lines


def test_cells_counts_terminal_columns():
    assert cells("abc") == 3
    assert cells("漏奶") == 4
    assert cells("e\u0301") == 1  # e + combining acute accent


@pytest.mark.parametrize("command", [["read"], ["read", "--list"], ["paths"], ["ask"]])
def test_text_tools_print_ascii_under_a_non_utf8_locale(tmp_path, command):
    """Under LANG=C the terminal cannot show UTF-8: the tools print ASCII look-alikes (as the
    app draws); under a UTF-8 locale the text is as written."""
    text = MINIMAL.read_text(encoding="utf-8")
    for name in ("Mastitis", "What should I do?", "The let-down reflex"):
        text = text.replace(name, f"{name} – “漏奶”")
    guide = tmp_path / "guide.toml"
    guide.write_text(text, encoding="utf-8")
    plain_env = {"LC_ALL": "", "LC_CTYPE": "", "PYTHONUTF8": ""}
    ascii_run = run_cli("--guide", str(guide), *command, input="1\n",
                        env={**plain_env, "LANG": "C"})
    utf8_run = run_cli("--guide", str(guide), *command, input="1\n",
                       env={**plain_env, "LANG": "C.UTF-8"})
    assert ascii_run.returncode == utf8_run.returncode == 0, ascii_run.stderr
    assert ascii_run.stdout.isascii(), ascii_run.stdout
    assert ' - "' in ascii_run.stdout
    assert " – “漏奶”" in utf8_run.stdout
