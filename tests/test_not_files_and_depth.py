"""Files that are not files (a FIFO never blocks), and topic trees deeper than `check` allows
(an error there; every walker is still safe far beyond it)."""

from __future__ import annotations

import os
import threading

import pytest
from conftest import FIXTURES, run_cli
from guide_text import MINIMAL_TEXT, problems_of
from snapshot_apps import minimal_guide

from leakguide.app import LeakGuideApp
from leakguide.content.model import Topic
from leakguide.content.walk import MAX_TOPIC_DEPTH
from leakguide.state import STATE_FILE, load_state
from leakguide.tools import export, read
from leakguide.widgets.topic_tree import TopicTree


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


def test_a_fifo_as_the_guide_is_refused_at_once(fifo):
    for args in (("check", str(fifo)), ("read", "--guide", str(fifo)), ("--guide", str(fifo))):
        result = run_cli(*args, timeout=20)
        assert result.returncode == 2, args
        assert "is a named pipe (FIFO), not a guide file" in result.stdout + result.stderr


def test_a_fifo_as_the_output_file_is_refused_at_once(fifo):
    result = run_cli("export", str(FIXTURES / "minimal.toml"), "--format", "html",
                     "-o", str(fifo), timeout=20)
    assert result.returncode == 2
    assert "cannot write" in result.stderr and "named pipe (FIFO)" in result.stderr


def test_a_fifo_as_the_state_file_is_ignored_at_once(tmp_path):
    os.mkfifo(tmp_path / STATE_FILE)
    loaded = []
    reader = threading.Thread(target=lambda: loaded.append(load_state(tmp_path)), daemon=True)
    reader.start()
    reader.join(5)
    if not loaded:  # unblock the reader before failing
        with open(tmp_path / STATE_FILE, "wb"):
            pass
        pytest.fail("load_state blocked on a FIFO")
    assert loaded[0].state is None
    assert "named pipe (FIFO)" in loaded[0].notice


def _chain_text(levels: int) -> str:
    """The minimal guide with a chain of topics `levels` deep under the section "help"."""
    parts = [MINIMAL_TEXT.split("[flow]")[0]]
    for level in range(1, levels + 1):
        place = 'section = "help"' if level == 1 else f'parent = "deep-{level - 1}"'
        parts.append(f'[[topic]]\nid = "deep-{level}"\n{place}\ntitle = "Level {level}"\n'
                     'kind = "info"\nsummary = "Deeper."\nbody = "More."\n'
                     'evidence = "clinical"\nsources = ["nhs"]\n\n')
    return "".join(parts) + "[flow]" + MINIMAL_TEXT.split("[flow]", 1)[1]


def test_check_allows_the_documented_depth():
    assert problems_of(_chain_text(MAX_TOPIC_DEPTH)) == []


def test_check_reports_a_tree_deeper_than_the_limit():
    problems = problems_of(_chain_text(MAX_TOPIC_DEPTH + 30))
    assert [p.message for p in problems] == [
        f'[topic "deep-{MAX_TOPIC_DEPTH + 1}"].parent: topic `deep-{MAX_TOPIC_DEPTH + 1}` is '
        f"nested {MAX_TOPIC_DEPTH + 1} levels deep; topics may nest at most {MAX_TOPIC_DEPTH} "
        "levels (a section's own topics are level 1)"]


def test_check_reports_depth_whatever_order_the_topics_are_in():
    text = _chain_text(MAX_TOPIC_DEPTH + 1)
    head, _, rest = text.partition('[[topic]]\nid = "deep-1"')
    first, _, others = rest.partition("[[topic]]")
    reordered = head + "[[topic]]" + others.replace("[flow]", '[[topic]]\nid = "deep-1"'
                                                     + first + "[flow]", 1)
    assert [p.message.split(":")[0] for p in problems_of(reordered)] == [
        f'[topic "deep-{MAX_TOPIC_DEPTH + 1}"].parent']


def _deep_guide(levels: int = 3000):
    """The minimal guide with a chain of topics `levels` deep, built without the validator."""
    guide = minimal_guide()
    topics = dict(guide.topics)
    template = guide.topics["pads"]
    for level in range(1, levels + 1):
        topics[f"deep-{level}"] = template._replace(
            id=f"deep-{level}", title=f"Level {level}", see_also=(),
            parent=None if level == 1 else f"deep-{level - 1}")
        assert isinstance(topics[f"deep-{level}"], Topic)
    return guide._replace(topics=topics)


def test_every_walker_is_safe_far_beyond_the_limit():
    guide = _deep_guide()
    assert len(guide.reading_order()) == len(guide.topics)
    assert "Level 3000" in read.render_guide(guide, 80)
    assert "Level 3000" in export.render(guide, "markdown")
    html = export.render(guide, "html")
    assert "Level 3000" in html and html.count("<article") == html.count("</article>")


async def test_the_app_draws_a_tree_far_beyond_the_limit():
    app = LeakGuideApp(_deep_guide(1500))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.browse.query_one(TopicTree)
        assert tree.root.children
