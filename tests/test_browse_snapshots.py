"""Pictures of the browse screen, help and search (pytest-textual-snapshot).

Update them after a deliberate UI change with `pytest tests/test_browse_snapshots.py
--snapshot-update`, and look at the report before committing.
"""

from __future__ import annotations

from snapshot_apps import bodies_drawn, keys_then_pane_follows, make_app


def test_main_screen(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=bodies_drawn)


def test_topic_with_related_links(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["j", "j", "enter"])


def test_help(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["question_mark"])


def test_search_with_results(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["slash", *"drip"])


def test_narrow_tree(snap_compare):
    assert snap_compare(make_app(), terminal_size=(50, 20),
                        run_before=keys_then_pane_follows("j", "j"))


def test_narrow_topic(snap_compare):
    assert snap_compare(make_app(), terminal_size=(50, 20), press=["G", "enter"])


def test_no_color(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["j", "j", "enter"])


def test_terminal_too_small(snap_compare):
    assert snap_compare(make_app(), terminal_size=(20, 6))
