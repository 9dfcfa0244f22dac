"""Search: accents and case, ranking, hidden keywords, where the match is."""

from __future__ import annotations

from snapshot_apps import minimal_guide

from leakguide.search import SearchIndex, fold


def _guide_with(**topic_changes):
    guide = minimal_guide()
    topics = dict(guide.topics)
    for topic_id, changes in topic_changes.items():
        topics[topic_id] = topics[topic_id]._replace(**changes)
    return guide._replace(topics=topics)


def test_fold_ignores_case_and_accents():
    assert fold("Été LÉT-DOWN naïve Straße") == "ete let-down naive strasse"


def test_hidden_keyword_finds_the_topic_and_says_so():
    results = SearchIndex(minimal_guide()).search("dripping")
    assert [r.topic_id for r in results] == ["let-down"]
    assert results[0].where == "keyword"
    assert "dripping" in results[0].snippet


def test_search_is_case_and_accent_insensitive():
    index = SearchIndex(_guide_with(pads={"title": "Coussinets d'allaitement"}))
    assert [r.topic_id for r in index.search("COUSSINETS")] == ["pads"]
    index = SearchIndex(_guide_with(pads={"title": "Légère fuite"}))
    assert [r.topic_id for r in index.search("legere")] == ["pads"]
    assert [r.topic_id for r in index.search("LÉGÈRE")] == ["pads"]


def test_title_ranks_above_keyword_above_summary_above_body():
    guide = _guide_with(**{
        "let-down": {"title": "Alpha", "keywords": (), "summary": "none", "body": "zeta here"},
        "triggers": {"title": "Beta", "keywords": ("zeta",), "summary": "none", "body": "x"},
        "pads": {"title": "Gamma", "keywords": (), "summary": "zeta too", "body": "x"},
    })
    index = SearchIndex(guide)
    assert [r.topic_id for r in index.search("zeta")] == ["triggers", "pads", "let-down"]
    titled = SearchIndex(_guide_with(pads={"title": "Zeta pads", "summary": "-", "body": "-"}))
    results = titled.search("zeta")
    assert results[0].topic_id == "pads" and results[0].where == "title"


def test_every_word_must_match_somewhere():
    index = SearchIndex(minimal_guide())
    assert [r.topic_id for r in index.search("hormone squeeze")] == ["let-down"]
    assert index.search("hormone pizza") == []


def test_narrowing_and_widening_the_query_give_fresh_answers():
    index = SearchIndex(minimal_guide())
    assert {r.topic_id for r in index.search("brea")} == {"pads", "let-down", "triggers"}
    assert [r.topic_id for r in index.search("breast pads")] == ["pads", "let-down"]
    assert {r.topic_id for r in index.search("b")} == {"pads", "let-down", "triggers"}
    assert index.search("   ") == []


def test_body_matches_at_word_starts_and_quotes_the_text():
    index = SearchIndex(minimal_guide())
    results = index.search("squee")
    assert [r.topic_id for r in results] == ["let-down"]
    assert results[0].where == "text"
    assert "squeeze" in results[0].snippet
    assert index.search("queeze") == []


def test_snippet_maps_back_through_accents():
    index = SearchIndex(_guide_with(pads={"summary": "Très très long texte avant le mot cible "
                                                    "et encore après pour voir"}))
    result = index.search("cible")[0]
    assert result.where == "summary"
    assert "cible" in result.snippet
