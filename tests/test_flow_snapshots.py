"""Snapshots of the flow at 80×24 (fixture guide, fresh start: nothing varies between runs)."""

from __future__ import annotations

from test_flow_screens import make_app


def test_question_with_why_and_an_urgent_preview(snap_compare, tmp_path):
    app = make_app(tmp_path, fresh=True)
    assert snap_compare(app, press=["a", "down"], terminal_size=(80, 24))


def test_outcome(snap_compare, tmp_path):
    app = make_app(tmp_path, fresh=True)
    assert snap_compare(app, press=["a", "1", "3"], terminal_size=(80, 24))


def test_your_answers_view_on_a_narrow_screen(snap_compare, tmp_path):
    app = make_app(tmp_path, fresh=True)
    assert snap_compare(app, press=["a", "1", "2", "y"], terminal_size=(60, 20))
