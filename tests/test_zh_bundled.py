"""The bundled guide in Simplified Chinese: complete and stamped (`check --strict --lang zh-CN`),
the same flow as the English on every path, and found by the words a Chinese reader types."""

from __future__ import annotations

import pytest
from conftest import BUNDLED_GUIDE

from leakguide.cli import main
from leakguide.content import load_guide
from leakguide.content.flowgraph import enumerate_paths
from leakguide.content.translations import ENGLISH_MARKS, localized
from leakguide.search import SearchIndex


@pytest.fixture(scope="module")
def guides():
    result = load_guide(BUNDLED_GUIDE, ("zh-CN",))
    assert result.guide is not None, [p.render(str(BUNDLED_GUIDE)) for p in result.errors]
    return result.guide, localized(result.guide, "zh-CN")


def test_the_bundled_guide_passes_strict_check_in_chinese(capsys):
    """Every text has its Chinese, stamped with the English it was made from (after a change to
    the English: update the Chinese, then `leakguide stamp guide.toml`)."""
    code = main(["check", "--strict", "--lang", "zh-CN", str(BUNDLED_GUIDE)])
    assert code == 0, capsys.readouterr().out


def test_nothing_the_reader_sees_falls_back_to_english(guides):
    _, zh = guides
    texts = [zh.info.title, zh.info.summary, zh.info.disclaimer, zh.flow.title]
    texts += [t for topic in zh.topics.values() for t in (topic.title, topic.summary, topic.body)]
    texts += [s.title for s in zh.sections.values()]
    texts += [q.text for q in zh.flow.questions.values()]
    texts += [a.label for q in zh.flow.questions.values() for a in q.answers]
    texts += [o.title for o in zh.flow.outcomes.values()]
    texts += [line for o in zh.flow.outcomes.values() for line in o.get_help_if]
    mark = ENGLISH_MARKS["zh-CN"]
    assert [t for t in texts if t.endswith(mark) or t.startswith(f"*{mark.strip()}*")] == []


def test_the_chinese_flow_has_the_english_structure_and_urgency_on_every_path(guides):
    english, zh = guides
    english_paths = enumerate_paths(english.flow)
    zh_paths = enumerate_paths(zh.flow)
    assert english_paths == zh_paths  # the same questions, answers and outcomes in order
    for path in zh_paths:
        assert (zh.flow.outcomes[path.outcome].urgency
                == english.flow.outcomes[path.outcome].urgency)
    for question_id, question in english.flow.questions.items():
        translated = zh.flow.questions[question_id]
        assert [(a.id, a.next, a.outcome) for a in translated.answers] == [
            (a.id, a.next, a.outcome) for a in question.answers]
        assert (translated.red_flags, translated.screen) == (question.red_flags, question.screen)
        for a, b in zip(question.answers, translated.answers, strict=True):
            assert bool(a.preview) == bool(b.preview), (question_id, a.id)
    for outcome_id, outcome in english.flow.outcomes.items():
        translated = zh.flow.outcomes[outcome_id]
        assert (translated.urgency, translated.evidence, translated.recommend,
                translated.sources) == (outcome.urgency, outcome.evidence, outcome.recommend,
                                        outcome.sources)
        assert len(translated.get_help_if) == len(outcome.get_help_if)
    assert {u.id: u.marker for u in zh.urgencies.values()} == {
        u.id: u.marker for u in english.urgencies.values()}


def test_the_chinese_keeps_the_emergency_numbers(guides):
    _, zh = guides
    for text in (zh.info.disclaimer, zh.urgencies["emergency"].description):
        for number in ("999", "911", "112", "000", "120"):
            assert number in text, (number, text)


@pytest.mark.parametrize(("query", "expected", "within"), [
    ("乳腺炎", {"mastitis"}, 1),
    ("晚上漏奶", {"night-setup"}, 3),
    ("奶水不足", {"low-milk-leaking", "baby-getting-enough"}, 3),
    ("漏奶", {"leaking-and-supply", "lots-of-milk", "low-milk-leaking", "how-long",
              "loose-tissue-claim"}, 3),
    ("八珍汤", {"bazhen-soup"}, 1),
    ("堵奶", {"blocked-duct"}, 1),
    ("乳线炎", {"mastitis"}, 1),  # a common typo: one character of three wrong
    ("乳线炎 发烧", {"mastitis"}, 1),
])
def test_chinese_queries_find_the_expected_topics(guides, query, expected, within):
    """Chinese words match by pairs of neighbours; a run with one wrong character matches the
    run the guide has (search.SearchIndex.chinese_correction)."""
    _, zh = guides
    found = [result.topic_id for result in SearchIndex(zh).search(query)][:within]
    assert expected & set(found), found


@pytest.mark.parametrize("width", [20, 38, 76])
def test_a_long_chinese_line_in_a_list_is_broken_never_cut(width):
    """Answers, "get help if" lines and help rows are grids whose text has no spaces in
    Chinese: Rich used to cut such a "word" at the column with an ellipsis, hiding the rest of
    an emergency answer."""
    from rich.console import Console
    from rich.text import Text

    from leakguide.screens.flow_step import hanging

    zh = localized(load_guide(BUNDLED_GUIDE).guide, "zh-CN")
    label = zh.flow.questions["emergency-signs"].answers[1].label
    console = Console(width=width, color_system=None, legacy_windows=False)
    for grid in (hanging("2.", Text(label)), hanging("•", Text(label))):
        lines = console.render_lines(grid, console.options, pad=False)
        shown = "".join("".join(s.text for s in line) for line in lines)
        assert "".join(label.split()) in "".join(shown.split())
        assert "…" not in shown


def test_a_chinese_typo_is_corrected_only_to_what_the_guide_has(guides):
    _, zh = guides
    index = SearchIndex(zh)
    assert index.chinese_correction("乳线炎") == "乳腺炎"
    assert index.chinese_correction("乳腺炎") is None  # nothing to correct
    assert index.chinese_correction("乳线") is None  # too short to tell a typo from a word
    assert index.search("猫狗鸟") == []  # nothing near: no guess
