"""docs/architecture.md names every module of the package, so a newcomer can find where any
behaviour lives."""

from __future__ import annotations

from conftest import REPO


def test_every_module_has_its_sentence_in_the_architecture_doc():
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = REPO / "src" / "leakguide"
    modules = sorted(str(p.relative_to(package)) for p in package.rglob("*.py"))
    missing = [m for m in modules if f"- `{m}`:" not in doc]
    assert not missing, f"docs/architecture.md has no sentence for {missing}"
    listed = [line.split("`")[1] for line in doc.splitlines() if line.startswith("- `")]
    gone = [m for m in listed if m.endswith(".py") and not (package / m).exists()]
    assert not gone, f"docs/architecture.md names modules that no longer exist: {gone}"
