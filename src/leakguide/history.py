"""Back and forward through visited topics, like a web browser. No Textual here."""

from __future__ import annotations

from collections.abc import Container, Iterable


class History:
    """Visited topic ids with a current position.

    Visiting a topic after going back drops the entries ahead of the current one, as a browser does.
    Visiting the current topic again changes nothing. The oldest entries fall off past `limit`.
    """

    def __init__(self, entries: Iterable[str] = (), index: int | None = None, limit: int = 200):
        self._entries: list[str] = list(entries)[-limit:] if limit > 0 else []
        self._limit = max(limit, 1)
        last = len(self._entries) - 1
        self._index = last if index is None else max(-1, min(index, last))

    @property
    def entries(self) -> tuple[str, ...]:
        return tuple(self._entries)

    @property
    def index(self) -> int:
        """Position of the current entry (-1 when empty)."""
        return self._index

    @property
    def current(self) -> str | None:
        return self._entries[self._index] if self._index >= 0 else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def visit(self, topic_id: str) -> None:
        """Make `topic_id` current, dropping any forward entries."""
        if topic_id == self.current:
            return
        del self._entries[self._index + 1:]
        self._entries.append(topic_id)
        if len(self._entries) > self._limit:
            del self._entries[: len(self._entries) - self._limit]
        self._index = len(self._entries) - 1

    def back(self) -> str | None:
        """Step back and return the now-current id, or None (and stay) at the start."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> str | None:
        """Step forward and return the now-current id, or None (and stay) at the end."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current

    def go_to(self, index: int) -> str | None:
        """Make the entry at `index` current (as going back or forward to it would) and return
        its id; None (and stay) when there is no such entry."""
        if not 0 <= index < len(self._entries):
            return None
        self._index = index
        return self.current

    def keep_only(self, wanted: Container[str]) -> list[str]:
        """Drop entries not in `wanted` (topics gone from a reloaded guide); return those dropped.

        The position stays on the same entry, or moves to the nearest earlier one that is kept.
        Repeats that end up side by side are merged.
        """
        kept: list[str] = []
        dropped: list[str] = []
        index = -1
        for position, topic_id in enumerate(self._entries):
            if topic_id not in wanted:
                dropped.append(topic_id)
            elif not kept or kept[-1] != topic_id:
                kept.append(topic_id)
            if position == self._index:
                index = len(kept) - 1
        if self._index >= 0 and index < 0 and kept:
            index = 0
        self._entries = kept
        self._index = index
        return dropped
