"""Pictures of each screen from a phone to a wide terminal: 40×12, 60×20, 80×24 and 120×40.

The question, the outcome, the guide, help, a topic and search, each at all four sizes. Fixture
guides and a fresh start: nothing varies between runs. Update them after a deliberate UI change
with `pytest tests/test_layout_snapshots.py --snapshot-update`, and look at every picture before
committing.
"""

from __future__ import annotations

import pytest
from snapshot_apps import bodies_drawn, keys_then_pane_follows
from snapshot_apps import make_app as make_browse_app
from test_flow_screens import make_app as make_flow_app

SIZES = [(40, 12), (60, 20), (80, 24), (120, 40)]
IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_question(snap_compare, tmp_path, size):
    """The first question, its second answer (urgent) highlighted: the preview shows."""
    app = make_flow_app(tmp_path, fresh=True)
    assert snap_compare(app, press=["a", "down"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_outcome(snap_compare, tmp_path, size):
    app = make_flow_app(tmp_path, fresh=True)
    assert snap_compare(app, press=["a", "1", "3"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_browse(snap_compare, size):
    """The guide with the cursor on a topic."""
    assert snap_compare(make_browse_app(), terminal_size=size,
                        run_before=keys_then_pane_follows("j", "j", "j", first=bodies_drawn))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_help(snap_compare, size):
    assert snap_compare(make_browse_app(), press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_topic(snap_compare, size):
    """A topic opened with Enter (its text focused; Related below)."""
    assert snap_compare(make_browse_app(), press=["j", "j", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_search(snap_compare, size):
    """A search for a word form ("dripp" finds "dripping"): the field, the results, the quotes."""
    assert snap_compare(make_browse_app(), press=["slash", *"dripp"], terminal_size=size)
