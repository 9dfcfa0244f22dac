"""`leakguide search`: the app's search as plain text, for pipes, screen readers and `ssh -T`.

The same `SearchIndex` as the `/` screen: the same matching, ranking, snippets and suggestions.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NamedTuple

from ..content.model import Guide
from ..i18n import N_, _, colon, list_comma
from ..render.plain import plain_label, wrap
from ..search import MAX_QUERY_LENGTH, SearchIndex

DEFAULT_LIMIT = 10
READ_HINT = N_("Read one with: leakguide read TOPIC-ID")
#: Exit codes: found something; found nothing (as grep does); could not search.
FOUND, NOTHING, UNUSABLE = 0, 1, 2


class SearchOutput(NamedTuple):
    text: str
    exit_code: int


def render_search(guide: Guide | SearchIndex, query: str, limit: int = DEFAULT_LIMIT,
                  width: int = 80) -> SearchOutput:
    """The ranked topics for `query` (id, title and a quote around the match), or "Did you
    mean …" when nothing matches, as plain wrapped text."""
    index = guide if isinstance(guide, SearchIndex) else SearchIndex(guide)
    cut = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]  # as the app's search field keeps it
    shown = plain_label(" ".join(query.split())) + ("…" if cut else "")
    note = wrap(_("(The query was long: only its first {count} characters were searched.)")
                .format(count=MAX_QUERY_LENGTH), width) if cut else []
    results = index.search(query, limit=limit)
    corrected = index.corrected_query(query) if results else None
    if corrected:  # as "Did you mean" does when nothing matches: say what was searched
        note += wrap(_("(Searched for “{corrected}” instead: the guide has no “{query}”.)")
                     .format(corrected=plain_label(corrected), query=shown), width)
    if not results:
        lines = [_("No topic matches “{query}”.").format(query=shown), *note]
        suggestions = index.suggestions(query)
        if suggestions:
            words = list_comma().join(suggestions)
            lines += wrap(_("Did you mean: {words}?").format(words=words), width)
        else:
            lines += wrap(_("Try fewer or other words, or list every topic with: "
                            "leakguide read --list"), width)
        return SearchOutput("\n".join(lines) + "\n", NOTHING)
    found = (_("1 topic for “{query}”, best first:") if len(results) == 1
             else _("{count} topics for “{query}”, best first:"))
    lines = wrap(found.format(count=len(results), query=shown), width) + note
    for result in results:
        lines.append("")
        lines += wrap(f"[{result.topic_id}] {plain_label(result.title)}", width, "", "    ")
        label = "" if result.field == "title" else f"{result.where}{colon()}"
        lines += wrap(label + plain_label(result.snippet), width, "    ")
    lines += ["", _(READ_HINT)]
    return SearchOutput("\n".join(lines) + "\n", FOUND)


def run_search(guide: Guide, words: Sequence[str], limit: int = DEFAULT_LIMIT) -> int:
    """`leakguide search WORDS...`: print the results to standard output; the exit code."""
    from ..cli import write_output
    from .read import terminal_width

    query = " ".join(words)
    if not query.strip():
        print(_("leakguide search: give words to search for"), file=sys.stderr)
        return UNUSABLE
    if limit < 1:
        print(_("leakguide search: --limit {limit}: give 1 or more").format(limit=limit),
              file=sys.stderr)
        return UNUSABLE
    found = render_search(guide, query, limit, terminal_width())
    write_output(found.text)
    return found.exit_code
