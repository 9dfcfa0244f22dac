"""`leakguide stamp`: write each translation's `from` fingerprint into the guide file in place.

Only the `from` lines change: a new one goes right under the sub-table's header
(`[topic.zh-CN]`), an old one has its value replaced. Nothing else of the file is touched."""

from __future__ import annotations

import re

from .loader import load_guide_text
from .problems import ERROR, Problem
from .sourcemap import SourceMap
from .translations import LANGUAGES

_FROM_VALUE = re.compile(r'^(\s*from\s*=\s*)(["\'])[^"\']*\2')


def stamp_text(text: str, languages: tuple[str, ...] = LANGUAGES, path: str = "<guide>"
               ) -> tuple[str, int, list[Problem]]:
    """`text` with every translation in `languages` stamped; how many stamps were written or
    changed; and the problems that stopped it (the guide's errors, or a sub-table that is not
    written as a `[header]` table)."""
    result = load_guide_text(text, path, languages)
    if result.guide is None:
        return text, 0, result.errors
    source_map = SourceMap(text)
    lines = text.split("\n")
    edits: dict[int, str] = {}  # line index -> the line that goes after it ("" for none)
    replaced: dict[int, str] = {}
    problems: list[Problem] = []
    for item in result.guide.translations.values():
        for language in languages:
            values = item.texts.get(language)
            if not values or not set(values) - {"from"}:
                continue
            stamp = item.fingerprint(language)
            if values.get("from") == stamp:
                continue
            table = (*item.path, language)
            if "from" in values:
                where = source_map.key((*table, "from"))
                if where is None:
                    continue
                index = where.line - 1
                new, count = _FROM_VALUE.subn(rf'\g<1>"{stamp}"', lines[index], count=1)
                if count:
                    replaced[index] = new
                    continue
                problems.append(Problem(where.line, where.col, ERROR,
                                        "cannot rewrite this `from`: write it as from = \"\""))
                continue
            header = source_map.key(table)
            if header is None or not lines[header.line - 1].lstrip().startswith("["):
                line = header.line if header else 0
                problems.append(Problem(line, 1 if line else 0, ERROR,
                                        f"cannot stamp: write the {language} text as a "
                                        f"[... .{language}] table of its own"))
                continue
            edits[header.line - 1] = f'from = "{stamp}"'
    if problems:
        return text, 0, problems
    for index, new in replaced.items():
        lines[index] = new
    for index in sorted(edits, reverse=True):
        ending = "\r" if lines[index].endswith("\r") else ""
        lines.insert(index + 1, edits[index] + ending)
    return "\n".join(lines), len(edits) + len(replaced), []
