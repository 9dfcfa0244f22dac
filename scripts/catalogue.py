"""The interface's message catalogue: extract, update and compile it with Babel.

    python scripts/catalogue.py          # extract the .pot, merge it into each .po, compile .mo

Messages are the strings in `_()` and `N_()` calls, plus the words the app shows from its key
bindings and help areas (`Binding(key, action, "Description")`, `HELP_AREA`, `HELP_HINT`),
which are translated where they are shown, and the bundled guide's urgency markers. Translate
new or changed entries in src/leakguide/locale/zh_CN/LC_MESSAGES/leakguide.po (entries marked
fuzzy need a look), then run this again to compile the .mo that ships in the wheel. Babel is a
test dependency only.
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "leakguide"
LOCALE = PACKAGE / "locale"
DOMAIN = "leakguide"
LANGUAGES = ("zh_CN",)
#: Shown by code that builds them from other words (help's numbered keys, the fallback help
#: areas, topic kinds).
EXTRA_MESSAGES = ("Choose answer by number", "This screen", "Everywhere", "Info", "Cause",
                  "Situation", "Remedy", "Warning")
#: The bundled guide, whose urgency markers ("[!] URGENT") the interface translates: a marker
#: is a glyph a reader learns, so it is shown in the reader's words (`render.outcome`).
GUIDE = REPO / "guide.toml"


def urgency_markers(guide: Path = GUIDE) -> list[str]:
    """The `marker` of each urgency level of the bundled guide."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    data = tomllib.loads(guide.read_text(encoding="utf-8"))
    return [level["marker"] for level in data.get("urgency", {}).values() if "marker" in level]


def _string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def interface_words(path: Path) -> list[tuple[str, int]]:
    """Binding descriptions, HELP_AREA / HELP_HINT values, and `_()` / `N_()` messages inside
    f-strings (Babel's extractor does not look there) in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "N_")
                and node.args):
            text = _string(node.args[0])
            if text:
                found.append((text, node.lineno))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
            text = _string(node.args[2]) if len(node.args) > 2 else None
            for keyword in node.keywords:
                if keyword.arg == "description":
                    text = _string(keyword.value)
            if text:
                found.append((text, node.lineno))
        elif isinstance(node, ast.Assign) and any(
                getattr(target, "id", None) in ("HELP_AREA", "HELP_HINT")
                for target in node.targets):
            text = _string(node.value)
            if text:
                found.append((text, node.lineno))
    return found


def template():
    """The catalogue template: every message of the interface."""
    import datetime as dt

    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    # A fixed date: running this again without changes changes no file.
    catalog = Catalog(project="leakguide", domain=DOMAIN, charset="utf-8", fuzzy=False,
                      creation_date=dt.datetime(2026, 12, 7, tzinfo=dt.timezone.utc),
                      version="0.1", copyright_holder="the leakguide authors")
    keywords = {"_": None, "N_": None}
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=keywords,
            comment_tags=("TRANSLATORS:",)):
        if isinstance(message, str) and message:
            catalog.add(message, locations=[(f"src/leakguide/{filename}", lineno)],
                        auto_comments=comments, context=context)
    for path in sorted(PACKAGE.rglob("*.py")):
        for text, lineno in interface_words(path):
            catalog.add(text, locations=[(str(path.relative_to(REPO)), lineno)])
    for text in EXTRA_MESSAGES:
        catalog.add(text, locations=[("scripts/catalogue.py", 0)])
    for marker in urgency_markers():
        catalog.add(marker, locations=[("guide.toml", 0)],
                    auto_comments=["TRANSLATORS: an urgency marker; keep its glyph ([!!], [!])"])
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compiled(po: Path) -> bytes:
    """The .mo for the .po at `po`, as bytes (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main() -> int:
    from babel.messages.pofile import read_po, write_po

    pot = template()
    LOCALE.mkdir(parents=True, exist_ok=True)
    with (LOCALE / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, pot, width=100, omit_header=False, sort_output=True,
                 include_lineno=False)
    for language in LANGUAGES:
        po = po_path(language)
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=language, domain=DOMAIN, project="leakguide")
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.fuzzy = False
        catalog.revision_date = catalog.creation_date
        catalog.last_translator = "the leakguide authors"
        catalog.language_team = "Simplified Chinese"
        with po.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, include_lineno=False,
                     ignore_obsolete=True)
        po.with_suffix(".mo").write_bytes(compiled(po))
        missing = [m.id for m in catalog if m.id and not m.string]
        if missing:
            print(f"{po.relative_to(REPO)}: {len(missing)} untranslated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
