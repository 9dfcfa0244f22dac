"""Translations in the guide file: the `[ITEM.zh-CN]` sub-tables, what `check` says of them,
`leakguide stamp`, and the guide as a reader of Chinese sees it (English stands in, marked)."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

from leakguide.cli import main
from leakguide.content import load_guide, load_guide_text
from leakguide.content.translations import ENGLISH_MARKS, Item, fingerprint, localized
from leakguide.i18n import language_from_environment, parse_language, set_language

ZH = FIXTURES / "zh.toml"
MINIMAL = FIXTURES / "minimal.toml"


@pytest.fixture(autouse=True)
def _english_after():
    yield
    set_language("en")


def zh_text() -> str:
    return ZH.read_text(encoding="utf-8")


def without_translation(text: str, title: str) -> str:
    """`text` less the sub-table whose title is `title`."""
    at = text.index(f'title = "{title}"')
    start = text.rindex("\n[", 0, at) + 1
    end = text.index("\n[", at) + 1
    return text[:start] + text[end:]


def problems_of(text: str, languages: tuple[str, ...] = ()) -> list[str]:
    result = load_guide_text(text, "g.toml", languages)
    return [p.render("g.toml") for p in result.problems]


def test_the_fixture_is_complete_stamped_and_clean():
    result = load_guide(ZH, ("zh-CN",))
    assert result.ok and result.problems == []
    items = result.guide.translations
    assert all(item.state("zh-CN") == "current" for item in items.values()
               if item.kind != "source")


def test_only_translatable_keys_are_allowed_in_a_sub_table():
    text = zh_text().replace('title = "防溢乳垫"', 'title = "防溢乳垫"\nkind = "remedy"')
    found = problems_of(text)
    line = text[:text.index('title = "防溢乳垫"\nkind')].count("\n") + 2
    assert any(p.startswith(f"g.toml:{line}:1: error:") and "unknown key `kind`" in p
               and "allowed here: title, summary, body, keywords, from" in p for p in found)


def test_an_unknown_language_tag_is_an_unknown_key_that_names_the_known_one():
    at = zh_text().index('title = "防溢乳垫"')
    start = zh_text().rindex("[topic.zh-CN]", 0, at)
    text = zh_text()[:start] + "[topic.zh-TW]" + zh_text()[start + len("[topic.zh-CN]"):]
    found = "\n".join(problems_of(text))
    assert re.search(r"g\.toml:\d+:1: error: \[topic \"pads\"\]\.zh-TW: unknown key `zh-TW` "
                     r"\(did you mean `zh-CN`\?\)", found)


def test_a_sub_table_on_a_table_that_has_no_text_is_not_allowed():
    text = zh_text().replace("format = 1\n", "format = 1\nzh-CN = 1\n")
    assert any("unknown key `zh-CN`" in p for p in problems_of(text))


def test_a_malformed_fingerprint_is_an_error():
    text = re.sub(r'(\[topic\.zh-CN\]\n)from = "[0-9a-f]{8}"', r'\1from = "abc"', zh_text(),
                  count=1)
    assert any("`abc` is not 8 hexadecimal digits" in p for p in problems_of(text))


def test_missing_chinese_is_a_warning_and_strict_makes_it_an_error(capsys):
    found = problems_of(without_translation(zh_text(), "什么会引起它"))
    assert [p for p in found if "no zh-CN text" in p] == [
        next(p for p in found if "no zh-CN text" in p)]
    assert re.search(r'warning: \[topic "triggers"\]: no zh-CN text for `title`, `summary`, '
                     r"`body`$", "\n".join(found), re.MULTILINE)


def test_english_only_guides_say_nothing_of_chinese_unless_asked(capsys, tmp_path):
    assert main(["check", str(MINIMAL)]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings\n")
    assert main(["check", "--lang", "zh-CN", str(MINIMAL)]) == 0
    out = capsys.readouterr().out
    assert "warning: guide: no zh-CN text for `title`, `summary`, `disclaimer`" in out
    assert main(["check", "--strict", "--lang", "zh-CN", str(MINIMAL)]) == 2
    assert "error: guide: no zh-CN text" in capsys.readouterr().out


def test_a_changed_english_text_makes_its_translation_stale(capsys):
    text = zh_text().replace('title = "Breast pads"', 'title = "Breast pads and shells"')
    found = "\n".join(problems_of(text))
    assert re.search(r'g\.toml:\d+:1: warning: \[topic "pads"\]\.zh-CN\.from: the zh-CN '
                     r"translation is stale", found)
    assert found.count("stale") == 1


def test_a_translation_without_from_is_unstamped():
    text = re.sub(r'(\[topic\.zh-CN\]\n)from = "[0-9a-f]{8}"\n', r"\1", zh_text(), count=1)
    found = "\n".join(problems_of(text))
    assert 'warning: [topic "let-down"].zh-CN: the zh-CN translation is not stamped' in found


def test_a_get_help_if_list_of_one_item_says_item():
    text = zh_text().replace('get_help_if = ["You get a fever."]',
                             'get_help_if = ["You get a fever.", "You feel worse."]')
    assert any("has 1 item; the English has 2" in p for p in problems_of(text))


def test_a_get_help_if_list_of_another_length_is_an_error():
    text = zh_text().replace('get_help_if = ["你发烧了。"]',
                             'get_help_if = ["你发烧了。", "多的一条"]')
    assert any(": error:" in p and "has 2 items; the English has 1" in p
               for p in problems_of(text))


def test_a_translated_body_must_keep_its_links(capsys):
    text = zh_text().replace("另见[防溢乳垫](topic:pads)。", "另见防溢乳垫。")
    assert any(": warning:" in p and "links to no topic; the English links to `topic:pads` "
               "(keep each link's target)" in p for p in problems_of(text))
    text = zh_text().replace("另见[防溢乳垫](topic:pads)。", "另见[诱因](topic:triggers)。")
    assert any(": warning:" in p and "links to `topic:triggers`; the English links to "
               "`topic:pads`" in p for p in problems_of(text))


def test_a_translated_link_to_no_topic_is_an_error_for_check_and_the_reader():
    """A mistyped link in a translation was a warning, and a Chinese reader saw
    "（见：padss）"; the same slip in the English is an error."""
    text = zh_text().replace("另见[防溢乳垫](topic:pads)。", "另见[防溢乳垫](topic:padss)。")
    assert any(": error:" in p and "links to `topic:padss`, which is not a topic of the guide "
               "(the English links to `topic:pads`)" in p for p in problems_of(text))
    reader = load_guide_text(text, "g.toml", translation_checks=False, read_in="zh-CN")
    assert reader.guide is None and reader.errors


def test_a_chinese_readers_start_checks_their_translation_against_the_english():
    """A reader's start skipped the translation checks: a Chinese outcome that had lost one of
    its "get help if" lines opened, and the reader saw one warning sign fewer."""
    text = zh_text().replace('get_help_if = ["你感觉非常不舒服。"]', "get_help_if = []")
    text = text.replace('get_help_if = ["You feel very unwell."]',
                        'get_help_if = ["You feel very unwell.", "Your skin is blotchy."]')
    for_chinese = load_guide_text(text, "g.toml", translation_checks=False, read_in="zh-CN")
    assert for_chinese.guide is None
    assert any("has 0 items; the English has 2" in p.message for p in for_chinese.errors)
    for_english = load_guide_text(text, "g.toml", translation_checks=False, read_in="en")
    assert for_english.ok  # nothing an English reader sees is wrong


def test_stamp_writes_only_from_lines_and_then_check_is_clean(tmp_path, capsys):
    unstamped = re.sub(r'^from = "[0-9a-f]{8}"\n', "", zh_text(), flags=re.MULTILINE)
    path = tmp_path / "g.toml"
    path.write_bytes(unstamped.replace("\n", "\r\n").encode("utf-8"))
    assert main(["check", str(path)]) == 0
    assert "not stamped" in capsys.readouterr().out
    assert main(["stamp", "--lang", "zh-CN", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: 29 stamps written\n"
    stamped = path.read_bytes().decode("utf-8")
    assert stamped.replace("\r\n", "\n") == zh_text()  # the same lines, in the same places
    assert "\n" not in stamped.replace("\r\n", "")  # Windows line ends kept
    assert main(["check", "--strict", "--lang", "zh-CN", str(path)]) == 0
    capsys.readouterr()
    assert main(["stamp", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: 0 stamps written\n"


def test_stamp_updates_a_stale_fingerprint_in_place(tmp_path, capsys):
    text = zh_text().replace('title = "Breast pads"', 'title = "Breast pads and shells"')
    path = tmp_path / "g.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["stamp", str(path)]) == 0
    after = path.read_text(encoding="utf-8")
    assert len(after.splitlines()) == len(text.splitlines())
    changed = [(a, b) for a, b in zip(text.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert len(changed) == 1 and all(line.startswith("from = ") for line in changed[0])
    assert load_guide(path).problems == []


def test_stamp_refuses_a_guide_with_errors(tmp_path, capsys):
    path = tmp_path / "g.toml"
    path.write_text(zh_text().replace('start = "emergency"', 'start = "nowhere"'),
                    encoding="utf-8")
    before = path.read_bytes()
    assert main(["stamp", str(path)]) == 2
    assert "not stamped; fix the problems first" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_report_prints_how_complete_each_language_is(capsys):
    assert main(["check", "--lang", "zh-CN", "--report", str(MINIMAL)]) == 0
    out = capsys.readouterr().out
    assert "  zh-CN: 0/29 items translated (0%)" in out
    assert main(["check", "--report", str(ZH)]) == 0
    assert ("  zh-CN: 29/29 items translated (100%); 29 current, 0 stale or unstamped, "
            "0 missing or partly missing") in capsys.readouterr().out


def test_fingerprint_is_sha256_of_the_english_values_in_key_order():
    import hashlib

    values = {"title": "Mastitis", "keywords": ("a", "b")}
    expected = hashlib.sha256(b"title\0Mastitis\0keywords\0a\x1fb\0").hexdigest()[:8]
    assert fingerprint(values) == expected
    item = Item("topic", "x", ("topic", 0), values, {"zh-CN": {"title": "乳腺炎"}})
    assert item.fingerprint("zh-CN") == fingerprint({"title": "Mastitis"})


def test_the_localised_guide_speaks_chinese_and_marks_english_stand_ins():
    guide = load_guide_text(without_translation(zh_text(), "什么会引起它")).guide
    zh = localized(guide, "zh-CN")
    assert zh.info.language == "zh-CN" and zh.info.title == "测试指南"
    assert zh.topics["pads"].title == "防溢乳垫"
    assert zh.topics["triggers"].title == "What sets it off" + ENGLISH_MARKS["zh-CN"]
    assert zh.topics["triggers"].body.startswith("*（英文）*\n\n")
    assert zh.urgencies["urgent"].marker == "[!]"  # markers are never translated
    assert zh.flow.questions["emergency"].answers[0].label == "昏倒、意识不清或呼吸困难"
    assert zh.flow.outcomes["normal"].get_help_if == ("你发烧了。",)
    assert zh.sources["nhs"].title == "Mastitis" + ENGLISH_MARKS["zh-CN"]  # an English page
    assert set(zh.topics["let-down"].keywords) >= {"漏奶", "letdown"}
    assert localized(guide, "en") is guide


def test_a_reader_load_checks_and_keeps_only_the_language_read():
    """The app's start (`read_in`) skips the values of languages the reader does not read;
    `check` and a reader of that language still see their problems."""
    broken = zh_text().replace('title = "防溢乳垫"', "title = 3", 1)
    for_english = load_guide_text(broken, "g.toml", translation_checks=False, read_in="en")
    assert for_english.ok and for_english.guide is not None
    assert dict(for_english.guide.translations) == {}
    for_chinese = load_guide_text(broken, "g.toml", translation_checks=False, read_in="zh-CN")
    wrong = "topic[2].zh-CN.title: expected a string, found an integer"
    assert [p.message for p in for_chinese.errors] == [wrong]
    assert any(wrong in p for p in problems_of(broken))  # as `check` loads
    clean = load_guide_text(zh_text(), "g.toml", translation_checks=False, read_in="zh-CN")
    assert localized(clean.guide, "zh-CN").topics["pads"].title == "防溢乳垫"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh-CN"),
    ({"LANG": "zh_CN"}, "zh-CN"),
    ({"LANG": "zh"}, "zh-CN"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "zh_TW.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh-CN"),
])
def test_the_language_comes_from_lc_all_then_lc_messages_then_lang(environ, expected):
    assert language_from_environment(environ) == expected


def test_lang_option_values():
    assert parse_language("zh-CN") == parse_language("zh_CN") == parse_language("zh") == "zh-CN"
    assert parse_language("en") == "en"
    assert parse_language("fr") is None


def test_an_unknown_lang_is_refused_with_the_choices(capsys):
    with pytest.raises(SystemExit):
        main(["read", "--lang", "fr"])
    assert "unknown language 'fr'; languages: en, zh-CN" in capsys.readouterr().err


def test_the_format_doc_lists_the_keys_each_item_may_translate():
    from conftest import REPO

    from leakguide.content.translations import TRANSLATABLE

    doc = (REPO / "docs" / "guide-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("### `[ITEM.zh-CN]`"):doc.index("### Fingerprints")]
    rows = dict(re.findall(r"^\| (\w+) \| `\[[^`]+\]` \| (.+) \|$", section, re.MULTILINE))
    assert set(rows) == set(TRANSLATABLE)
    for kind, keys in TRANSLATABLE.items():
        assert re.findall(r"`(\w+)`", rows[kind]) == list(keys), kind
