"""Search quality on the bundled guide: every query of tests/search_queries.toml, asked the way
people ask, must find its topic in the top 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUNDLED_GUIDE
from tools_helpers import load

from leakguide.search import SearchIndex

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

TABLE = Path(__file__).with_name("search_queries.toml")
TOP = 3


def _table() -> list[dict[str, str]]:
    return tomllib.loads(TABLE.read_text(encoding="utf-8"))["queries"]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load(BUNDLED_GUIDE))


def test_the_table_is_big_and_names_real_topics():
    rows = _table()
    guide = load(BUNDLED_GUIDE)
    assert len(rows) >= 60
    assert len({row["query"] for row in rows}) == len(rows), "a query is listed twice"
    assert [row["topic"] for row in rows if row["topic"] not in guide.topics] == []


def test_every_query_finds_its_topic_in_the_top_3(index, capsys):
    rows = _table()
    misses = []
    for row in rows:
        found = [result.topic_id for result in index.search(row["query"])[:TOP]]
        if row["topic"] not in found:
            misses.append(f"{row['query']!r}: want {row['topic']}, got {found}")
    hit_rate = 100 * (len(rows) - len(misses)) / len(rows)
    with capsys.disabled():
        print(f"\nsearch quality: {len(rows) - len(misses)}/{len(rows)} queries "
              f"({hit_rate:.1f} %) find their topic in the top {TOP}")
    assert misses == [], f"hit rate {hit_rate:.1f} %; misses:\n" + "\n".join(misses)
