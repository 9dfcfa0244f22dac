"""Walking the topic tree without recursion. No Textual here.

`check` limits how deep topics may nest (`MAX_TOPIC_DEPTH`), but a walker must not rely on that:
a Guide built some other way may be deeper, and a recursive walk would end in RecursionError
near 1,000 levels. These walk with an explicit stack instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

#: The deepest a topic may sit (a section's own topics are level 1); `check` reports deeper ones.
MAX_TOPIC_DEPTH = 6

ENTER = "enter"
LEAVE = "leave"

T = TypeVar("T")


def topic_events(roots: Sequence[T], children: Callable[[T], Sequence[T]]
                 ) -> Iterator[tuple[str, T, int]]:
    """(ENTER, topic, depth) before a topic's children and (LEAVE, topic, depth) after them,
    depth first in order; depth 0 for `roots`."""
    stack: list[tuple[T, int, bool]] = [(root, 0, False) for root in reversed(roots)]
    while stack:
        topic, depth, leaving = stack.pop()
        if leaving:
            yield LEAVE, topic, depth
            continue
        yield ENTER, topic, depth
        stack.append((topic, depth, True))
        stack.extend((child, depth + 1, False) for child in reversed(children(topic)))


def preorder(roots: Sequence[T], children: Callable[[T], Sequence[T]]) -> Iterable[T]:
    """`roots` and everything under them, parents before children, in order."""
    return (topic for event, topic, _ in topic_events(roots, children) if event == ENTER)
