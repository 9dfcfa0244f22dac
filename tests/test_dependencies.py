"""The declared dependencies tell the truth: every package src/ imports is declared, with a range
whose lower end `.ci/run` tests (`.ci/lowest-constraints.txt`)."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions

import pytest
import tomli
from conftest import REPO

SRC = REPO / "src" / "leakguide"
LOWEST = REPO / ".ci" / "lowest-constraints.txt"
RANGE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)>=(?P<low>[0-9.]+),<(?P<high>[0-9.]+)$")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _version(text: str) -> tuple[int, ...]:
    parts = [int(part) for part in text.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _declared() -> dict[str, str]:
    """The dependencies src/ may import: the required ones and the `serve` extra's
    (`leakguide serve` imports those only when it runs)."""
    project = tomli.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"], *project["optional-dependencies"]["serve"]]
    return {_normal(re.split(r"[<>=!~ ;\[]", spec, maxsplit=1)[0]): spec for spec in specs}


def _imported_modules() -> dict[str, str]:
    """Top-level third-party modules that src/ imports, each with one place that imports it."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("__future__", "leakguide"):
                    continue
                found.setdefault(top, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_every_imported_package_is_declared():
    declared = _declared()
    distributions = packages_distributions()
    undeclared = []
    for module, where in _imported_modules().items():
        names = {_normal(dist) for dist in distributions.get(module, [])}
        if not names & declared.keys():
            undeclared.append(f"{module} (imported at {where}; installed by {sorted(names)})")
    assert not undeclared, "add to [project].dependencies: " + ", ".join(undeclared)


def test_every_declared_package_is_imported():
    distributions = packages_distributions()
    imported = {_normal(dist) for module in _imported_modules()
                for dist in distributions.get(module, [])}
    assert set(_declared()) <= imported, set(_declared()) - imported


def test_every_dependency_has_a_tested_range():
    for spec in _declared().values():
        match = RANGE.match(spec)
        assert match, f"{spec!r}: give a range, LOW (tested by .ci/run) to NEXT_MAJOR: 'name>=L,<H'"
        assert _version(match["low"]) < _version(match["high"]), spec


def test_the_lowest_constraints_are_the_declared_lower_bounds():
    if not LOWEST.is_file():
        pytest.skip(f"{LOWEST.relative_to(REPO)} is not here (an unpacked sdist?): run this test "
                    "in a git clone")
    pins = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[_normal(name)] = version
    lows = {name: RANGE.match(spec)["low"] for name, spec in _declared().items()
            if RANGE.match(spec)}
    assert pins.keys() == lows.keys(), "pin exactly the declared dependencies"
    for name, low in lows.items():
        assert _version(pins[name]) == _version(low), f"{name}: pinned {pins[name]}, >={low}"
