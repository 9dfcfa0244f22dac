"""The app in Simplified Chinese: Pilot tests of what the reader sees, and a picture of each
screen at 80×24 and 40×12 (`pytest tests/test_zh_app.py --snapshot-update` to record; look at
every picture before committing it)."""

from __future__ import annotations

import pytest
from snapshot_apps import bodies_drawn, keys_then_pane_follows, make_app, notices_told

from leakguide.i18n import set_language

SIZES = [(80, 24), (40, 12)]
IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.fixture(autouse=True)
def _english_after():
    yield
    set_language("en")


def zh_app(tmp_path):
    return make_app(language="zh-CN", fresh=True, state_dir=str(tmp_path / "state"),
                    save_dir=str(tmp_path / "saved"))


async def test_the_key_bar_and_titles_are_chinese(tmp_path):
    app = zh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from leakguide.widgets.key_bar import KeyBar

        shown = app.screen.query_one(KeyBar).keys()
        keys = [key.description for key in shown]
        assert "退出" in keys and "帮助" in keys and "提问" in keys
        assert app.screen.topic_tree.border_title == "主题"
        assert "配色" in keys and "主题" not in keys  # the theme is not named like the topics
        assert app.title == "测试指南"


async def test_help_lists_the_keys_in_chinese(tmp_path):
    app = zh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.plain_text
        assert "所有界面" in text and "退出" in text and "下一个区域" in text
        assert "Quit" not in text


async def test_the_flow_asks_in_chinese_and_ends_at_the_same_outcome(tmp_path):
    app = zh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert "现在有下面这些情况吗？" in app.export_screenshot()
        await pilot.press("2", "2", "2", "1")
        await pilot.pause()
        assert app.flow_state.outcome.id == "normal"
        shot = app.export_screenshot()
        assert "这很正常" in shot and "怎么做" in shot


async def test_your_answers_are_chinese(tmp_path):
    app = zh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "2", "y")
        await pilot.pause()
        shot = app.export_screenshot()
        assert "尚未回答" in shot and "回到问题" in shot
        assert "not answered" not in shot


async def test_a_notice_on_a_phone_joins_its_title_with_a_chinese_colon(tmp_path):
    app = zh_app(tmp_path)
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        await pilot.pause()
        app.notify("你对第 2 题的回答已删除。", title="答案已更改")
        await pilot.pause()
        told = [n.message for n in app._notifications]
        assert told[-1] == "答案已更改：你对第 2 题的回答已删除。"


async def test_the_place_restored_at_start_is_said_in_chinese(tmp_path):
    async with zh_app(tmp_path).run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "2")  # an answer: a place to come back to
    app = make_app(language="zh-CN", state_dir=str(tmp_path / "state"),
                   save_dir=str(tmp_path / "saved"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        told = await notices_told(pilot)
        assert "已回到你上次看到的地方（用 --fresh 从头开始）。" in told
        assert "Restored" not in told


async def test_search_finds_a_chinese_word(tmp_path):
    app = zh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"漏奶")
        await pilot.pause()
        assert [r.topic_id for r in app.screen.results][:1] == ["let-down"]
        from textual.widgets import Static

        status = str(app.screen.query_one("#search-status", Static).render())
        assert "找到 2 个主题" in status
        await pilot.press("enter")
        await pilot.pause()
        from leakguide.widgets.topic_view import TopicView

        assert app.browse.query_one(TopicView).key == ("topic", "let-down")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_question(snap_compare, tmp_path, size):
    """The first question, its urgent first answer highlighted: the preview shows."""
    assert snap_compare(zh_app(tmp_path), press=["a"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_outcome(snap_compare, tmp_path, size):
    assert snap_compare(zh_app(tmp_path), press=["a", "2", "1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_browse(snap_compare, tmp_path, size):
    assert snap_compare(zh_app(tmp_path), terminal_size=size,
                        run_before=keys_then_pane_follows("j", "j", "j", first=bodies_drawn))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_help(snap_compare, tmp_path, size):
    assert snap_compare(zh_app(tmp_path), press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_topic(snap_compare, tmp_path, size):
    assert snap_compare(zh_app(tmp_path), press=["j", "j", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_search(snap_compare, tmp_path, size):
    assert snap_compare(zh_app(tmp_path), press=["slash", *"漏奶"], terminal_size=size)


async def test_search_says_which_word_it_read_a_typo_as(tmp_path):
    from textual.widgets import Static

    from leakguide.content import bundled_guide_path

    app = make_app(guide_path=bundled_guide_path(), language="zh-CN", fresh=True,
                   state_dir=str(tmp_path / "state"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"乳线炎")
        await pilot.pause()
        assert [r.topic_id for r in app.screen.results][:1] == ["mastitis"]
        status = str(app.screen.query_one("#search-status", Static).render())
        assert status.startswith("已改为搜索“乳腺炎”：找到"), status
