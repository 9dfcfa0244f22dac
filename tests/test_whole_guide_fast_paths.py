"""The loader's whole-guide shortcuts (all topics checked and built at once, all bodies scanned
at once) must give exactly what checking topic by topic gives: the same problems, the same guide.

Each guide below is loaded twice, with the shortcuts and with them turned off.
"""

from __future__ import annotations

import gc
import importlib.util
import random
import re

import pytest
from conftest import REPO
from guide_text import MINIMAL_TEXT
from test_mangled_guides import _mangle

from leakguide.content import load_guide_text, loader, validate
from leakguide.content.model import Topic


def _synth():
    spec = importlib.util.spec_from_file_location("synth", REPO / "benchmarks" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SYNTHETIC = _synth().generate_guide(30)


def _load_both(text: str):
    fast = load_guide_text(text, "g.toml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "_plain_topics", lambda *args: None)
        patch.setattr(validate._Validator, "_topic_references_plainly_fine", lambda self: False)
        patch.setattr(validate._Validator, "_parents_come_first", lambda self: False)
        patch.setattr(validate, "_only_known_topic_links_in_all", lambda *args: False)
        slow = load_guide_text(text, "g.toml")
    return fast, slow


def _assert_same(text: str) -> list[str]:
    fast, slow = _load_both(text)
    rendered = [p.render("g.toml") for p in fast.problems]
    assert rendered == [p.render("g.toml") for p in slow.problems], text
    assert fast.guide == slow.guide
    if fast.guide is not None:
        assert list(fast.guide.topics) == list(slow.guide.topics)
    return rendered


def _edit_topic(number: int, key: str, line: str | None, text: str = SYNTHETIC) -> str:
    """`text` with topic `number`'s `key = ...` line replaced by `line` (None: removed; added
    after the id when the topic has no such key)."""
    start = text.index(f'[[topic]]\nid = "topic-{number}"\n')
    end = text.find("[[topic]]", start + 1)
    end = len(text) if end == -1 else end
    block = text[start:end]
    pattern = re.compile(rf'^{re.escape(key)} = (?:""".*?"""|[^\n]*)\n', re.S | re.M)
    if pattern.search(block):
        block = pattern.sub(lambda _: "" if line is None else line + "\n", block, count=1)
    elif line is not None:
        header, id_line, rest = block.split("\n", 2)
        block = f"{header}\n{id_line}\n{line}\n{rest}"
    return text[:start] + block + text[end:]


def test_the_synthetic_guide_is_clean_both_ways():
    assert _assert_same(SYNTHETIC) == []


def _nested_topic() -> int:
    return next(n for n in range(2, 31) if f'id = "topic-{n}"\nparent = ' in SYNTHETIC)


def _top_level_topic(after: int = 1) -> int:
    return next(
        n for n in range(after + 1, 31) if f'id = "topic-{n}"\nsection = ' in SYNTHETIC
    )


EDITS = [
    ("title", 'title = ""'),
    ("title", 'title = "   "'),
    ("title", "title = 5"),
    ("title", 'title = ["x"]'),
    ("title", 'title = "a\\u001bb"'),
    ("title", 'title = "a\\nb"'),
    ("title", 'title = "a\u202eb"'),
    ("title", 'title = "a\u0085b"'),
    ("title", None),
    ("summary", "summary = 2026-01-01"),
    ("body", 'body = "See [x](topic:nope)."'),
    ("body", 'body = "See [x](topic:topic-1)."'),
    ("body", 'body = "See <topic:topic-1>."'),
    ("body", 'body = "See <topic:topic-1 >."'),
    ("body", 'body = "See [x](topic:topic-1>)."'),
    ("body", 'body = "See [x](Topic:topic-1)."'),
    ("body", 'body = "See [x](topic:)."'),
    ("body", 'body = "See [x](&#116;opic:nope)."'),
    ("body", 'body = "Fish &amp; chips, [x](topic:topic-1)."'),
    ("body", 'body = "topic:topic-1"'),
    ("body", 'body = "[x](topic:topic-1#part)"'),
    ("body", None),
    ("id", 'id = "Bad Id"'),
    ("id", 'id = "topic-1"'),
    ("id", 'id = "topic-x\\n"'),
    ("id", 'id = ""'),
    ("id", "id = 3"),
    ("kind", 'kind = "bogus"'),
    ("kind", 'kind = "remedy"'),
    ("kind", 'kind = "info"'),
    ("kind", None),
    ("evidence", 'evidence = "nope"'),
    ("evidence", 'evidence = "Clinical"'),
    ("evidence", None),
    ("sources", "sources = []"),
    ("sources", 'sources = ["nope"]'),
    ("sources", 'sources = "source-1"'),
    ("sources", "sources = [1]"),
    ("sources", 'sources = ["source-1", "source-1-"]'),
    ("sources", None),
    ("keywords", 'keywords = [""]'),
    ("keywords", 'keywords = [" "]'),
    ("keywords", "keywords = [1]"),
    ("keywords", 'keywords = "x"'),
    ("keywords", 'keywords = ["a\\u0007"]'),
    ("see_also", 'see_also = ["nope"]'),
    ("see_also", 'see_also = ["Bad"]'),
    ("see_also", 'see_also = ["topic-1", "topic-1"]'),
    ("see_also", 'see_also = ["a--b"]'),
    ("see_also", 'see_also = ["-a"]'),
    ("see_also", 'see_also = ["a b"]'),
    ("titel", 'titel = "x"'),
]


@pytest.mark.parametrize(("key", "line"), EDITS, ids=[f"{k}: {v}" for k, v in EDITS])
@pytest.mark.parametrize("where", ["top", "nested"])
def test_one_bad_topic_gives_the_same_problems(key, line, where):
    number = _top_level_topic() if where == "top" else _nested_topic()
    _assert_same(_edit_topic(number, key, line))


def test_a_topic_listing_itself_gives_the_same_problems():
    number = _nested_topic()
    _assert_same(_edit_topic(number, "see_also", f'see_also = ["topic-{number}"]'))


@pytest.mark.parametrize(
    "change",
    [
        "no section or parent",
        "section and parent",
        "unknown section",
        "unknown parent",
        "own parent",
        "parent cycle",
        "parent later in the file",
    ],
)
def test_tree_problems_give_the_same_problems(change):
    top, nested = _top_level_topic(), _nested_topic()
    text = {
        "no section or parent": lambda: _edit_topic(top, "section", None),
        "section and parent": lambda: _edit_topic(top, "parent", 'parent = "topic-1"'),
        "unknown section": lambda: _edit_topic(top, "section", 'section = "nope"'),
        "unknown parent": lambda: _edit_topic(nested, "parent", 'parent = "nope"'),
        "own parent": lambda: _edit_topic(nested, "parent", f'parent = "topic-{nested}"'),
        "parent cycle": lambda: _edit_topic(
            top, "section", f'parent = "topic-{_top_level_topic(top)}"',
            _edit_topic(_top_level_topic(top), "section", f'parent = "topic-{top}"'),
        ),
        # A valid guide whose parent comes after its child: the guide itself must be the same.
        "parent later in the file": lambda: _edit_topic(
            top, "section", 'parent = "topic-30"'
        ),
    }[change]()
    _assert_same(text)


def test_a_valid_guide_with_parents_after_children_is_the_same():
    text = _edit_topic(1, "section", 'parent = "topic-30"', _edit_topic(30, "parent", None))
    text = _edit_topic(30, "section", 'section = "section-1"', text)
    problems = _assert_same(text)
    assert not [p for p in problems if ": error: " in p], problems


def test_topics_that_are_not_tables_give_the_same_problems():
    _assert_same(SYNTHETIC.replace("format = 1\n", "format = 1\ntopic = [1, 2]\n", 1)
                 .replace("[[topic]]", "[[topics]]"))
    _assert_same(SYNTHETIC + '\n[[topic]]\nid = "topic-31"\n')


def test_mangled_guides_give_the_same_problems():
    rng = random.Random(20261127)
    for _ in range(150):
        _assert_same(_mangle(rng, SYNTHETIC))
    for _ in range(150):
        _assert_same(_mangle(rng, MINIMAL_TEXT))


FLOW_AND_SOURCE_EDITS = [
    ('url = "https://example.org/ref/1"', 'url = "http://example.org/ref/1"'),
    ('url = "https://example.org/ref/2"', 'url = "https://web.archive.org/ref/2"'),
    ('screen = "fever"', 'screen = "heat"'),
    ('screen = "fever"', ""),
    ('red_flags = true\nscreen = "warning-signs"', 'screen = "warning-signs"'),
    ('urgency = "talk-soon"\nevidence = "clinical"\n', 'urgency = "talk-soon"\n'),
    ('urgency = "talk-soon"\nevidence = "clinical"', 'urgency = "talk-soon"\nevidence = "x"'),
    ('urgency = "emergency"', 'urgency = "urgent"'),
]


@pytest.mark.parametrize(("old", "new"), FLOW_AND_SOURCE_EDITS)
def test_flow_and_source_rules_give_the_same_problems(old, new):
    assert SYNTHETIC.count(old) == 1
    assert _assert_same(SYNTHETIC.replace(old, new))  # each edit breaks a rule


def test_topics_built_in_bulk_are_like_those_built_one_by_one():
    fast, slow = _load_both(SYNTHETIC)
    for topic_id, topic in fast.guide.topics.items():
        assert topic._asdict() == slow.guide.topics[topic_id]._asdict()
        assert type(topic) is Topic
        assert all(type(getattr(topic, name)) is tuple
                   for name in ("sources", "keywords", "see_also"))
        with pytest.raises(AttributeError):
            topic.title = "changed"


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        for text in (SYNTHETIC, _edit_topic(_nested_topic(), "parent", 'parent = "nope"')):
            load_guide_text(text, "g.toml")
            assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
