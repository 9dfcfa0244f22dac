"""Saved state (resume) and saved summaries: files, atomicity, defensive loading."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import stat

import pytest
from conftest import FIXTURES

from leakguide.content import load_guide
from leakguide.flowstate import FlowState
from leakguide.options import AppOptions
from leakguide.state import (
    ENV_STATE_DIR,
    STATE_FILE,
    STATE_VERSION,
    ReaderState,
    TopicScroll,
    load_state,
    restore,
    save_state,
    snapshot,
    state_dir_for,
)
from leakguide.summary import render_summary, save_summary, summary_dir_for, summary_file_name

NOW = dt.datetime(2026, 11, 2, 14, 5)


@pytest.fixture
def guide():
    return load_guide(FIXTURES / "flow.toml").guide


# -- state ---------------------------------------------------------------------------------


def test_state_round_trips(tmp_path, guide):
    flow_data = FlowState.from_answers(guide.flow, [("red-flags", "none")]).to_data()
    state = ReaderState(topic="pads", history=("let-down", "pads"), history_index=1,
                        flow=flow_data, guide="g.toml")
    path = save_state(tmp_path / "deep" / "dir", state)
    assert path == tmp_path / "deep" / "dir" / STATE_FILE
    loaded = load_state(tmp_path / "deep" / "dir")
    assert loaded.notice is None
    assert loaded.state == ReaderState(topic="pads", history=("let-down", "pads"),
                                       history_index=1, flow=flow_data, guide="g.toml")


def test_the_scroll_in_a_topic_round_trips_and_bad_values_mean_the_top(tmp_path):
    save_state(tmp_path, ReaderState(topic="pads", scroll=TopicScroll(7, 40)))
    assert load_state(tmp_path).state.scroll == TopicScroll(7, 40)
    data = ReaderState(topic="pads").to_data()
    for bad in (None, "7", {"line": 7}, {"line": 50, "of": 40}, {"line": -1, "of": 40},
                {"line": 7.5, "of": 40}, {"line": True, "of": 40}):
        data["scroll"] = bad
        assert ReaderState.from_data(data).scroll == TopicScroll()
    del data["scroll"]  # a file written before the scroll was kept
    assert ReaderState.from_data(data).scroll == TopicScroll()


def test_the_scroll_maps_to_the_same_share_of_a_text_drawn_at_another_width():
    assert TopicScroll(7, 40).first_line(40) == 7
    assert TopicScroll(7, 40).first_line(80) == 14
    assert TopicScroll(7, 40).first_line(20) == 4  # 3.5, rounded
    assert TopicScroll().first_line(30) == 0
    assert TopicScroll(7, 40).first_line(0) == 0


def test_state_file_is_private_and_leaves_no_temp_files(tmp_path):
    save_state(tmp_path, ReaderState(topic="a"))
    save_state(tmp_path, ReaderState(topic="b"))
    assert [p.name for p in tmp_path.iterdir()] == [STATE_FILE]
    assert stat.S_IMODE((tmp_path / STATE_FILE).stat().st_mode) == 0o600
    assert load_state(tmp_path).state.topic == "b"


def test_failed_write_keeps_the_old_state(tmp_path, monkeypatch):
    save_state(tmp_path, ReaderState(topic="old"))

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_state(tmp_path, ReaderState(topic="new"))
    monkeypatch.undo()
    assert load_state(tmp_path).state.topic == "old"
    assert [p.name for p in tmp_path.iterdir()] == [STATE_FILE]


def test_missing_state_is_a_quiet_first_start(tmp_path):
    assert load_state(tmp_path) == load_state(tmp_path / "nope")
    assert load_state(tmp_path).state is None and load_state(tmp_path).notice is None
    assert load_state(None).state is None


def _write(tmp_path, data: bytes):
    (tmp_path / STATE_FILE).write_bytes(data)


def _good_bytes() -> bytes:
    return json.dumps(ReaderState(topic="pads", history=("pads",), history_index=0,
                                  flow={"answers": [["red-flags", "none"]]}).to_data()).encode()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda: random.Random(5).randbytes(500), id="random-bytes"),
        pytest.param(lambda: _good_bytes()[: len(_good_bytes()) // 2], id="truncated-json"),
        pytest.param(lambda: b"", id="empty"),
        pytest.param(lambda: b"\xff\xfe\x00garbage", id="not-utf8"),
        pytest.param(lambda: b"[1, 2, 3]", id="a-list"),
        pytest.param(lambda: json.dumps({"version": STATE_VERSION + 1}).encode(), id="newer"),
        pytest.param(lambda: json.dumps({"version": "1"}).encode(), id="version-as-text"),
        pytest.param(lambda: json.dumps({"topic": "pads"}).encode(), id="no-version"),
        pytest.param(lambda: json.dumps({"version": 1, "topic": 3}).encode(), id="topic-number"),
        pytest.param(lambda: json.dumps({"version": 1, "history": {"entries": [1]}}).encode(),
                     id="history-numbers"),
        pytest.param(lambda: json.dumps({"version": 1, "history": {"index": "x"}}).encode(),
                     id="history-index-text"),
        pytest.param(lambda: json.dumps({"version": 1, "flow": [1]}).encode(), id="flow-list"),
        pytest.param(lambda: b"[" * 100000, id="deep-nesting"),
    ],
)
def test_damaged_state_is_ignored_with_a_notice(tmp_path, damage):
    _write(tmp_path, damage())
    loaded = load_state(tmp_path)
    assert loaded.state is None
    assert loaded.notice and "ignored" in loaded.notice and "Starting clean" in loaded.notice


def test_oversized_or_unreadable_state_is_ignored_with_a_notice(tmp_path):
    _write(tmp_path, b" " * (2 * 1024 * 1024))
    assert "too big" in load_state(tmp_path).notice
    (tmp_path / STATE_FILE).unlink()
    (tmp_path / STATE_FILE).mkdir()
    loaded = load_state(tmp_path)
    assert loaded.state is None and "was ignored: it is a directory" in loaded.notice


def test_state_dir_order_and_hosted_mode(tmp_path):
    env = {ENV_STATE_DIR: str(tmp_path / "env")}
    assert state_dir_for(AppOptions(state_dir=str(tmp_path / "opt")), env) == tmp_path / "opt"
    assert state_dir_for(AppOptions(), env) == tmp_path / "env"
    assert "leakguide" in state_dir_for(AppOptions(), {}).parts
    # Hosted: the shared account's dirs and the environment never turn resume on ...
    assert state_dir_for(AppOptions(hosted=True), env) is None
    # ... only a per-reader directory given by the hosting layer does.
    assert state_dir_for(AppOptions(hosted=True, state_dir=str(tmp_path / "r1")), env) == (
        tmp_path / "r1"
    )


# -- summary -------------------------------------------------------------------------------


def _reached(guide, *answers):
    state, problems = FlowState.start(guide.flow).with_answer_tokens(list(answers))
    assert not problems
    return state


def test_summary_has_outcome_urgency_answers_help_and_sources(guide):
    state = _reached(guide, "none", "feeds", "drops")
    text = render_summary(guide, state, NOW)
    outcome = guide.flow.outcomes["normal"]
    assert text.startswith(f"# {outcome.title}\n")
    assert guide.urgencies["self-care"].name in text
    assert "2026-11-02 14:05" in text
    for reason in state.reasons():
        assert reason.question in text and reason.answer in text
    for item in outcome.get_help_if:
        assert item in text
    for source_id in outcome.sources:
        assert guide.sources[source_id].url in text
    for topic_id in outcome.recommend:
        assert guide.topics[topic_id].title in text
    assert guide.info.disclaimer in text
    assert guide.info.reviewed.isoformat() in text
    assert text.index("## Get help if") < text.index("## What to do")
    label = guide.labels[outcome.evidence].name
    assert f"**How soon:** {guide.urgencies['self-care'].marker}" in text
    assert text.index("**How soon:**") < text.index(f"**Evidence:** {label}\n") < text.index(
        "## Get help if"
    )


def test_summary_refuses_before_an_outcome(guide):
    with pytest.raises(ValueError):
        render_summary(guide, FlowState.start(guide.flow), NOW)


def test_summary_strips_terminal_control_sequences(guide):
    # A guide object built without the validator: the writer must still not pass escapes on.
    outcome = guide.flow.outcomes["see-doctor"]
    hostile = outcome._replace(
        title="\x1b]52;c;AAAA\x07Get help\x1b[2J", body="Call \u202eyour GP\x9b1m."
    )
    flow = guide.flow._replace(outcomes={**guide.flow.outcomes, "see-doctor": hostile})
    hostile_guide = guide._replace(flow=flow)
    text = render_summary(hostile_guide, _reached(hostile_guide, "fever"), NOW)
    assert "Get help" in text and "your GP" in text
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in text


def test_save_writes_a_new_private_file_and_never_overwrites(tmp_path, guide):
    state = _reached(guide, "fever")
    text = render_summary(guide, state, NOW)
    first = save_summary(text, tmp_path / "out", state.outcome.id, NOW)
    second = save_summary("other", tmp_path / "out", state.outcome.id, NOW)
    third = save_summary("third", tmp_path / "out", state.outcome.id, NOW)
    assert first.is_absolute() and first.parent == (tmp_path / "out").resolve()
    assert first.name == "leakguide-2026-11-02-1405-see-doctor.md"
    assert second.name == "leakguide-2026-11-02-1405-see-doctor-2.md"
    assert third.name == "leakguide-2026-11-02-1405-see-doctor-3.md"
    assert first.read_text(encoding="utf-8") == text
    assert second.read_text(encoding="utf-8") == "other"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600


def test_save_does_not_follow_a_planted_symlink(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / summary_file_name("normal", NOW)).symlink_to(victim)
    path = save_summary("summary", tmp_path / "out", "normal", NOW)
    assert victim.read_text() == "precious"
    assert path.name.endswith("-normal-2.md")


@pytest.mark.parametrize(
    ("outcome_id", "expected"),
    [("see-doctor", "see-doctor"), ("../../etc/passwd", "etc-passwd"), ("", "outcome"),
     ("A B/C", "a-b-c"), ("x" * 300, "x" * 40)],
)
def test_file_name_comes_only_from_time_and_a_safe_id(outcome_id, expected):
    name = summary_file_name(outcome_id, NOW)
    assert name == f"leakguide-2026-11-02-1405-{expected}.md"
    assert "/" not in name


def test_summary_dir_order_and_hosted_mode(tmp_path):
    assert summary_dir_for(AppOptions(save_dir=str(tmp_path))) == tmp_path
    assert summary_dir_for(AppOptions()).parts[-1] == "summaries"
    assert summary_dir_for(AppOptions(hosted=True)) is None
    assert summary_dir_for(AppOptions(hosted=True, save_dir=str(tmp_path))) == tmp_path


# -- restore: fitting a saved place to the guide as it is now ------------------------------


def test_restore_brings_back_topic_history_and_answers(tmp_path, guide):
    flow_state = FlowState.from_answers(guide.flow, [("red-flags", "none"), ("when", "feeds")])
    save_state(tmp_path, snapshot(guide, "pads", ("let-down", "pads"), 1, flow_state))
    restored = restore(guide, load_state(tmp_path))
    assert (restored.topic, restored.history, restored.history_index) == (
        "pads", ("let-down", "pads"), 1)
    assert dict(restored.flow_state.answers) == dict(flow_state.answers)
    assert restored.flow_state.position == flow_state.position
    assert len(restored.notices) == 1 and "--fresh" in restored.notices[0]


def test_restore_drops_what_the_changed_guide_no_longer_has(tmp_path, guide):
    saved = ReaderState(
        topic="gone", history=("let-down", "gone", "pads"), history_index=1,
        flow={"answers": [["red-flags", "none"], ["when", "removed-answer"]]},
    )
    save_state(tmp_path, saved)
    restored = restore(guide, load_state(tmp_path))
    assert restored.topic is None
    assert restored.history == ("let-down", "pads") and restored.history_index == 0
    assert dict(restored.flow_state.answers) == {"red-flags": "none"}
    notices = " ".join(restored.notices)
    assert "1 saved answer no longer fits and was dropped" in notices
    assert "no longer in the guide" in notices


def test_restore_of_damaged_state_starts_clean_with_the_notice(tmp_path, guide):
    (tmp_path / STATE_FILE).write_bytes(b"{\"version\": 1, \"topic\": ")
    restored = restore(guide, load_state(tmp_path))
    assert not restored.anything
    assert restored.flow_state.current_question.id == guide.flow.start
    assert len(restored.notices) == 1 and "damaged" in restored.notices[0]


def test_nothing_saved_means_no_notice(tmp_path, guide):
    restored = restore(guide, load_state(tmp_path))
    assert restored.notices == () and not restored.anything
