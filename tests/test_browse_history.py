"""Back and forward like a browser."""

from __future__ import annotations

from leakguide.history import History


def test_back_and_forward_walk_the_visits():
    history = History()
    for topic in ("a", "b", "c"):
        history.visit(topic)
    assert history.current == "c"
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.back() is None
    assert history.current == "a"
    assert history.forward() == "b"
    assert history.forward() == "c"
    assert history.forward() is None


def test_visiting_after_going_back_drops_the_forward_entries():
    history = History(["a", "b", "c"])
    history.back()
    history.back()
    history.visit("d")
    assert history.entries == ("a", "d")
    assert not history.can_go_forward
    assert history.back() == "a"


def test_visiting_the_current_topic_again_adds_nothing():
    history = History()
    history.visit("a")
    history.visit("a")
    assert history.entries == ("a",)


def test_oldest_entries_fall_off_past_the_limit():
    history = History(limit=3)
    for topic in "abcde":
        history.visit(topic)
    assert history.entries == ("c", "d", "e")
    assert history.index == 2


def test_empty_history_has_nowhere_to_go():
    history = History()
    assert history.current is None
    assert history.back() is None and history.forward() is None


def test_go_to_an_entry_keeps_the_entries_ahead():
    from leakguide.history import History

    history = History(["a", "b", "c"])
    assert history.go_to(0) == "a" and history.index == 0
    assert history.can_go_forward and history.forward() == "b"
    assert history.go_to(3) is None and history.go_to(-1) is None
    assert history.current == "b"
