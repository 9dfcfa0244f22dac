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
    assert [r.topic_id for r in results] == ["let-down", "pads"]  # pads: "drips", a word form
    assert results[0].where == "keyword"
    assert results[0].snippet == "dripping"


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


def test_topics_with_every_word_come_alone_else_those_with_most():
    index = SearchIndex(minimal_guide())
    assert [r.topic_id for r in index.search("hormone squeeze")] == ["let-down"]
    assert [r.topic_id for r in index.search("squeeze hormone pizza")] == ["let-down"]
    assert index.search("pizza") == []


def test_narrowing_and_widening_the_query_give_fresh_answers():
    index = SearchIndex(minimal_guide())
    assert {r.topic_id for r in index.search("brea")} == {"pads", "let-down", "triggers"}
    assert [r.topic_id for r in index.search("breast pads")] == ["pads", "let-down"]
    assert {r.topic_id for r in index.search("b")} == {"pads"}  # one letter: title words only
    assert index.search("   ") == []


def test_body_matches_at_word_starts_and_quotes_the_text():
    index = SearchIndex(minimal_guide())
    results = index.search("squee")
    assert [r.topic_id for r in results] == ["let-down"]
    assert results[0].where == "text"
    assert "squeeze" in results[0].snippet
    assert [r.topic_id for r in index.search("queeze")] == ["let-down"]  # one typo
    assert index.search("ueeze") == []  # two typos in a five-letter word: too many


def test_snippet_maps_back_through_accents():
    index = SearchIndex(_guide_with(pads={"summary": "Très très long texte avant le mot cible "
                                                    "et encore après pour voir"}))
    result = index.search("cible")[0]
    assert result.where == "summary"
    assert "cible" in result.snippet


def test_word_forms_share_a_stem():
    from leakguide.search import stem

    for forms in (["leak", "leaks", "leaking", "leaked", "leaky"], ["drip", "drips", "dripping"],
                  ["baby", "babies"], ["nappy", "nappies"], ["nipple", "nipples"],
                  ["helpline", "helplines"], ["spray", "spraying"], ["clothes", "cloth"]):
        assert len({stem(form) for form in forms}) == 1, forms
    assert stem("mastitis") == "mastitis" and stem("abscess") != stem("abscesses")[:3]
    assert stem("feed") == "feed" and stem("bed") == "bed"


def test_stop_words_and_word_order_do_not_matter():
    from leakguide.search import query_words

    assert query_words("How do I stop my LEAKING?") == ["stop", "leaking"]
    assert query_words("the") == ["the"]  # only stop words: keep them
    index = SearchIndex(minimal_guide())
    assert [r.topic_id for r in index.search("squeeze hormone")] == \
        [r.topic_id for r in index.search("what is the hormone that makes it squeeze")]


def test_typos_one_for_short_words_two_for_long_ones():
    from leakguide.search import edit_distance, typo_allowance

    assert [typo_allowance(w) for w in ("pad", "pads", "leaking", "mastitis")] == [0, 1, 1, 2]
    assert edit_distance("leakign", "leaking", 1) == 1  # a transposition is one typo
    assert edit_distance("mastits", "mastitis", 2) == 1
    assert edit_distance("abcdef", "ghijkl", 2) == 3  # over the limit: limit + 1
    index = SearchIndex(minimal_guide())
    assert index.search("hormnoe")[0].topic_id == "let-down"  # 7 letters, one typo
    assert index.search("hrmne") == []  # 5 letters, two typos: too many
    assert index.search("breastt pda")[0].topic_id == "pads"


def test_one_letter_or_accent_alone_does_not_match_everything():
    index = SearchIndex(minimal_guide())
    total = len(index)
    assert len(index.search("ü")) < total
    assert len(index.search("u")) < total
    assert len(index.search("é")) < total


def test_snippets_are_plain_text():
    body = ("## Where it *comes* from\n\nA **hormone** makes the [breast](topic:pads) squeeze "
            "milk out, see <https://example.org> and `code`.\n\n- a list item about hormone")
    index = SearchIndex(_guide_with(**{"let-down": {"body": body, "summary": "-",
                                                    "keywords": ()}}))
    result = index.search("hormone")[0]
    assert result.where == "text"
    for markup in ("**", "*", "[", "](", "topic:", "#", "`", "<"):
        assert markup not in result.snippet, (markup, result.snippet)
    assert "hormone makes the breast squeeze" in result.snippet


def test_keyword_snippet_names_the_matching_keywords():
    result = SearchIndex(minimal_guide()).search("letdown")[0]
    assert (result.topic_id, result.where, result.snippet) == ("let-down", "keyword", "letdown")


def test_did_you_mean_offers_the_nearest_known_words():
    index = SearchIndex(minimal_guide())
    assert index.search("hoormonnne") == []
    assert index.suggestions("hoormonnne")[0] == "hormone"
    assert index.suggestions("hormone") == []  # it finds something: nothing to suggest
    assert index.suggestions("ü") == [] and index.suggestions("zqxjzqxj") == []
