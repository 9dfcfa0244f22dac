"""The tools in Simplified Chinese: `--lang zh-CN` or the locale; Chinese words from the gettext
catalogue; columns and wrapping by terminal cells; Chinese search; a clear refusal under LANG=C;
and the catalogue itself (compiled from its .po, every message translated)."""

from __future__ import annotations

import importlib.util
import io
import re

import pytest
from conftest import FIXTURES, REPO, run_cli

from leakguide import i18n
from leakguide.cli import main
from leakguide.content import load_guide
from leakguide.content.translations import localized
from leakguide.render.plain import cells
from leakguide.search import SearchIndex, query_words

ZH = FIXTURES / "zh.toml"
CATALOGUE = REPO / "src" / "leakguide" / "locale" / "zh_CN" / "LC_MESSAGES" / "leakguide"


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def run(capsys, *args: str) -> str:
    assert main([*args]) == 0
    return capsys.readouterr().out


def test_read_speaks_chinese(capsys):
    out = run(capsys, "read", "--lang", "zh-CN", "--guide", str(ZH), "--width", "40", "pads")
    assert out.startswith("防溢乳垫\n位置：怎样有帮助\n")
    assert "来源：" in out and "另见：" in out
    assert "NHS: Mastitis（英文）" in out  # an English page, and said so
    assert all(cells(line) <= 40 for line in out.splitlines() if "://" not in line)


def test_read_wraps_chinese_by_cells():
    from leakguide.tools.read import render_guide

    i18n.set_language("zh-CN")
    guide = localized(load_guide(ZH).guide, "zh-CN")
    text = render_guide(guide, width=24)
    lines = [line for line in text.splitlines() if "://" not in line]  # URLs are never cut
    assert all(cells(line) <= 24 for line in lines)
    assert not any(line.startswith(("。", "，", "）")) for line in lines)
    assert any(cells(line) >= 20 for line in lines if not line.isascii())  # filled, not split
    assert "第 1 部分：为什么会漏奶" in text


def test_the_locale_chooses_chinese_and_lang_overrides_it(monkeypatch, capsys):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert "位置：" in run(capsys, "read", "--guide", str(ZH), "pads")
    assert "In: What helps" in run(capsys, "read", "--lang", "en", "--guide", str(ZH), "pads")


def test_ask_in_chinese(capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("2\n2\n2\n1\n"))
    out = run(capsys, "ask", "--lang", "zh-CN", str(ZH))
    assert "第 1 题，最多 4 题：现在有下面这些情况吗？" in out  # a full-width colon
    assert "为什么问：有些迹象需要马上求助，所以先问。" in out
    assert "[!!] 选这个表示你应该马上求救。" in out  # the marker stays ASCII
    assert "你的答案（1-2、b、q）：" in out
    assert "这很正常" in out and "出现这些情况要求助：" in out
    assert "现在有下面这些情况吗？你的回答：没有，都没有" in out  # no space after ？


def test_paths_columns_line_up_by_cells(capsys):
    out = run(capsys, "paths", "--lang", "zh-CN", "--width", "72", str(ZH))
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("#  "))
    assert header.split() == ["#", "答案", "结果", "紧急程度"]
    outcome_at = cells(header[:header.index("结果")])
    urgency_at = cells(header[:header.index("紧急程度")])
    rows = [line for line in lines if re.match(r"^\d+  1\. ", line)]
    assert len(rows) == 5
    for row in rows:
        assert cells(row) <= 72
        words = row.split("  ")
        # The urgency name starts exactly at the urgency column, whatever came before.
        urgency = next(u for u in ("危急：马上求救", "紧急：今天就医", "自我护理", "尽快找人聊聊")
                       if u in row)
        assert cells(row[:row.index(urgency)]) == urgency_at, words
        assert cells(row) > outcome_at
    assert all(cells(line) <= 72 for line in lines)


def test_export_html_says_it_is_chinese(tmp_path):
    target = tmp_path / "guide.html"
    assert main(["export", "--lang", "zh-CN", "--format", "html", "-o", str(target),
                 str(ZH)]) == 0
    html = target.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "防溢乳垫" in html and "依据" in html


def test_export_markdown_in_chinese(capsys):
    out = run(capsys, "export", "--lang", "zh-CN", "--format", "markdown", str(ZH))
    assert "# 测试指南" in out and "喷乳反射（奶阵）" in out


@pytest.mark.parametrize(("query", "expected"), [
    ("漏奶", "let-down"),
    ("晚上漏奶", "triggers"),
    ("防溢乳垫", "pads"),
    ("宝宝哭怎么办", "triggers"),
])
def test_search_finds_chinese_words_inside_running_text(query, expected):
    guide = localized(load_guide(ZH).guide, "zh-CN")
    results = SearchIndex(guide).search(query)
    assert results and results[0].topic_id == expected


def test_chinese_queries_are_cut_into_character_pairs():
    assert query_words("晚上漏奶") == ["晚上", "上漏", "漏奶"]
    assert query_words("奶") == ["奶"]
    assert query_words("乳腺炎怎么办") == ["乳腺", "腺炎", "炎怎"]
    assert query_words("mastitis 乳腺炎") == ["mastitis", "乳腺", "腺炎"]


def test_search_tool_in_chinese(capsys):
    out = run(capsys, "search", "--lang", "zh-CN", "--guide", str(ZH), "乳垫")
    assert out.startswith("“乳垫”找到 2 个主题，最相关的在前：")
    assert "阅读其中一个：leakguide read 主题 ID" in out


def test_search_tool_says_it_searched_for_the_word_it_read_a_typo_as(capsys):
    bundled = str(REPO / "guide.toml")
    out = run(capsys, "search", "--lang", "zh-CN", "--guide", bundled, "乳线炎")
    assert out.startswith("“乳线炎”找到")
    assert out.splitlines()[1] == "（已改为搜索“乳腺炎”：指南里没有“乳线炎”。）"
    assert "[mastitis]" in out
    exact = run(capsys, "search", "--lang", "zh-CN", "--guide", bundled, "乳腺炎")
    assert "已改为搜索" not in exact  # a word the guide has is searched as typed


def test_lang_c_gives_a_clear_message_for_chinese_and_ascii_for_english():
    env = {"LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "LC_CTYPE": "", "PYTHONUTF8": "",
           "PYTHONIOENCODING": ""}
    chinese = run_cli("read", "--lang", "zh-CN", "--guide", str(ZH), "pads", env=env)
    assert chinese.returncode == 2 and chinese.stdout == ""
    assert "the Chinese guide needs a UTF-8 terminal" in chinese.stderr
    assert "Traceback" not in chinese.stderr
    english = run_cli("read", "--guide", str(ZH), "pads", env=env)
    assert english.returncode == 0 and english.stdout.startswith("Breast pads\n")
    assert english.stdout.isascii()


def test_english_loads_no_catalogue():
    i18n.set_language("en")
    assert i18n._gettext is str
    i18n.set_language("zh-CN")
    assert i18n._("Quit") == "退出"
    assert i18n._("a message the catalogue lacks") == "a message the catalogue lacks"


def _catalogue_script():
    spec = importlib.util.spec_from_file_location("catalogue", REPO / "scripts" / "catalogue.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_mo_is_compiled_from_the_po():
    """After editing the .po, run `python scripts/catalogue.py` to compile the .mo."""
    from babel.messages.mofile import read_mo

    def messages(mo: bytes) -> dict[object, object]:
        # The header names the Babel version that wrote it; only the messages must match.
        return {m.id: m.string for m in read_mo(io.BytesIO(mo)) if m.id}

    script = _catalogue_script()
    shipped = messages(CATALOGUE.with_suffix(".mo").read_bytes())
    assert shipped == messages(script.compiled(CATALOGUE.with_suffix(".po")))
    assert len(shipped) > 100


def test_every_interface_message_has_a_chinese_translation():
    """A new `_()` message, binding or help area needs its line in the .po (run
    `python scripts/catalogue.py`, then translate it)."""
    from babel.messages.pofile import read_po

    script = _catalogue_script()
    with CATALOGUE.with_suffix(".po").open("rb") as handle:
        po = read_po(handle)
    translated = {m.id: m.string for m in po if m.id and m.string and not m.fuzzy}
    missing = [m.id for m in script.template() if m.id and m.id not in translated]
    assert missing == []
    for message, text in translated.items():  # the same {placeholders}
        assert sorted(re.findall(r"\{\w+\}", message)) == sorted(re.findall(r"\{\w+\}", text))


def test_the_wheel_takes_the_catalogue():
    import tomli

    config = tomli.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/leakguide"]
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    import fnmatch

    assert not any(fnmatch.fnmatch("leakguide.mo", pattern) for pattern in ignored)
    assert CATALOGUE.with_suffix(".mo").is_file()


def test_the_saved_summary_is_in_chinese():
    import datetime as dt

    from leakguide.flowstate import FlowState
    from leakguide.summary import render_summary

    i18n.set_language("zh-CN")
    guide = localized(load_guide(ZH).guide, "zh-CN")
    state, problems = FlowState.start(guide.flow).with_answer_tokens(["2", "2", "2", "1"])
    assert problems == []
    text = render_summary(guide, state, dt.datetime(2026, 12, 7, 9, 30))
    assert text.startswith("# 这很正常\n")
    assert "## 出现这些情况要求助\n\n- 你发烧了。" in text
    assert "2026-12-07 09:30 保存自《测试指南》。" in text and "## 为什么给你这个建议" in text
    assert "**要多快：**" in text and "How soon" not in text  # a `_()` inside an f-string


def test_the_catalogue_finds_messages_inside_f_strings(tmp_path):
    source = tmp_path / "example.py"
    source.write_text('line = f"**{_(\'How soon:\')}** {rest}"\n', encoding="utf-8")
    assert _catalogue_script().interface_words(source) == [("How soon:", 1)]


def test_every_urgency_marker_is_translated_keeping_its_glyph():
    """The bundled guide's markers are shown in the reader's words, but "[!!]" and "[!]" stay:
    the marker's meaning never rests on colour or on reading English."""
    from leakguide.render.outcome import shown_marker

    markers = _catalogue_script().urgency_markers()
    assert {"[!!] EMERGENCY", "[!] URGENT", "[!] NOW"} <= set(markers)
    assert [shown_marker(m) for m in markers] == markers  # English: as the guide writes it
    i18n.set_language("zh-CN")
    for marker in markers:
        shown = shown_marker(marker)
        assert shown != marker and not re.search("[A-Za-z]", shown), marker
        glyph = re.match(r"\[!+\]", marker)
        assert glyph is None or shown.startswith(glyph.group() + " "), (marker, shown)
    assert shown_marker("[!!] EMERGENCY") == "[!!] 急救"
    assert shown_marker("a marker the catalogue lacks") == "a marker the catalogue lacks"


def test_ask_shows_the_urgency_in_chinese(capsys, monkeypatch):
    guide = load_guide(REPO / "guide.toml").guide
    emergency = guide.urgencies["emergency"]
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    out = run(capsys, "ask", "--lang", "zh-CN", "--width", "40")
    assert "[!!] 急救" in out and "EMERGENCY" not in out
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    out = run(capsys, "ask", "--lang", "en", "--width", "40")
    assert f"{emergency.marker} {emergency.name}" in out



# -- line breaks: one rule for the tools and the app (render.linebreak) ----------------------

#: Chinese paragraphs of the bundled guide and catalogue a tester saw break badly at 40 columns.
BAD_BREAKS = (
    "马上拨打 999（英国）、911（美国）、112（欧盟）、000（澳大利亚）、"
    "120（中国大陆）或当地急救电话。不要等。",
    "今天就联系你的助产士或医生。如果他们今天看不了你，"
    "就去找紧急医疗服务（英国可打 NHS 111）。不要等着看会不会自己好。",
    "拿不准是不是有那么严重：照样打电话。你最了解自己的宝宝。",
    "用 ↑ ↓（或 j k）在列表中移动，主题显示在右边。"
    "Enter 打开，Tab 移到正文和相关链接，b 后退，/ 搜索。",
)
CLOSING = tuple("，。、；：！？）」』》")


def _broken_well(paragraph: str, lines: list[str], width: int) -> None:
    assert all(cells(line) <= width for line in lines), lines
    assert not any(line.lstrip().startswith(CLOSING) for line in lines), lines
    assert not any(line.rstrip().endswith(("（", "「", "《")) for line in lines), lines
    for together in ("NHS 111", "j k", "↑ ↓"):  # a short Latin run inside Chinese
        assert together not in paragraph or any(together in line for line in lines), lines


@pytest.mark.parametrize("width", [40, 38, 36, 24])
@pytest.mark.parametrize("paragraph", BAD_BREAKS)
def test_plain_text_never_starts_a_line_with_closing_punctuation(paragraph, width):
    from leakguide.render.plain import wrap

    _broken_well(paragraph, wrap(paragraph, width), width)


@pytest.mark.parametrize("width", [40, 38, 36, 24])
@pytest.mark.parametrize("paragraph", BAD_BREAKS)
def test_the_app_breaks_chinese_lines_by_the_same_rule(paragraph, width):
    """Rich text (the outcome's body, Markdown) and Textual content (labels, previews) wrap with
    `render.linebreak` once the app has started."""
    from rich.console import Console
    from rich.text import Text
    from textual.content import Content

    from leakguide.textual_private import break_lines_by_the_rule

    break_lines_by_the_rule()
    console = Console(width=width)
    rich_lines = [line.plain.rstrip() for line in Text(paragraph).wrap(console, width)]
    _broken_well(paragraph, rich_lines, width)
    assert [line.plain.rstrip() for line in Content(paragraph).wrap(width)] == rich_lines


def test_the_40_column_breaks_the_tester_saw_are_gone():
    from leakguide.render.plain import wrap

    assert wrap(BAD_BREAKS[0], 38) == [
        "马上拨打 999（英国）、911（美国）、112",
        "（欧盟）、000（澳大利亚）、120（中国大",
        "陆）或当地急救电话。不要等。"]
    assert "打 NHS 111）。不要等着看会不会自己好。" in wrap(BAD_BREAKS[1], 38)
    assert wrap(BAD_BREAKS[2], 34) == ["拿不准是不是有那么严重：照样打电",
                                       "话。你最了解自己的宝宝。"]


@pytest.mark.parametrize("text", [
    "Call 999 (UK), 911 (US), 112 (EU), 000 (Australia), 120 (mainland China) or your local "
    "emergency number now. Do not wait.",
    "Get help if… the pain — or the redness — spreads",
    "  leading spaces and a verylongwordthatdoesnotfitanywhereatallinthisnarrowcolumn ok",
    "",
])
@pytest.mark.parametrize("width", [10, 24, 40, 80])
def test_english_wraps_exactly_as_rich_wraps_it(text, width):
    from rich._wrap import divide_line as riches

    from leakguide.render.linebreak import divide_line

    for fold in (True, False):
        assert divide_line(text, width, fold, original=riches) == riches(text, width, fold)
        assert divide_line(text, width, fold) == riches(text, width, fold), (text, width, fold)


def test_labels_and_lists_are_joined_the_chinese_way(capsys, monkeypatch):
    """Full-width colon and 、 in Chinese (i18n.colon, i18n.list_comma); ": " and ", " in
    English."""
    assert (i18n.colon(), i18n.list_comma()) == (": ", ", ")
    i18n.set_language("zh-CN")
    assert (i18n.colon(), i18n.list_comma()) == ("：", "、")
    assert main(["search", "--lang", "zh-CN", "mastits", "leek"]) == 1
    assert "你是不是要找：" in capsys.readouterr().out
    out = run(capsys, "search", "--lang", "zh-CN", "乳腺炎")
    assert "关键词：" in out and "关键词: " not in out


@pytest.mark.parametrize("paragraph", [
    BAD_BREAKS[0], "奶是被一种反射推出来的，也就是喷乳反射（奶阵）。这时奶会一滴滴地流出来。"])
def test_a_short_bracketed_run_stays_on_one_line_when_it_fits(paragraph):
    """"（英" / "国）" no more: a run of at most BRACKET_RUN_CELLS inside brackets is not split
    (in the tools and in the app); a longer one may be, as Chinese breaks anywhere."""
    import re

    from rich.console import Console
    from rich.text import Text

    from leakguide.render.linebreak import BRACKET_RUN_CELLS
    from leakguide.render.plain import wrap
    from leakguide.textual_private import break_lines_by_the_rule

    break_lines_by_the_rule()
    short = [run for run in re.findall(r"（[^（）]*）", paragraph)
             if cells(run) - 4 <= BRACKET_RUN_CELLS]
    assert short
    for width in range(12, 41):
        rich_lines = [line.plain for line in Text(paragraph).wrap(Console(width=width), width)]
        for lines in (wrap(paragraph, width), rich_lines):
            _broken_well(paragraph, [line.rstrip() for line in lines], width)
            for run in short:
                assert any(run in line for line in lines), (width, run, lines)
