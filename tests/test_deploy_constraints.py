"""deploy/constraints.txt, the versions the hosting recipe installs (docs/hosting.md): one exact
pin for every run-time dependency, each within pyproject's range. `.ci/run` checks with
`deploy/pin-constraints --check` that they are the versions the suite just passed on."""

from __future__ import annotations

import re

import tomli
from conftest import REPO
from packaging.requirements import Requirement
from packaging.version import Version

CONSTRAINTS = REPO / "deploy" / "constraints.txt"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][0-9A-Za-z.+!-]*)", line)
        assert match, f"{line!r}: pin as NAME==VERSION"
        name = _normal(match[1])
        assert name not in pins, f"{name} is pinned twice"
        pins[name] = match[2]
    return pins


def test_every_runtime_dependency_is_pinned_within_its_declared_range():
    project = tomli.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins()
    for spec in project["dependencies"]:
        requirement = Requirement(spec)
        name = _normal(requirement.name)
        assert name in pins, f"deploy/constraints.txt does not pin {name}"
        assert Version(pins[name]) in requirement.specifier, (
            f"{name}=={pins[name]} is outside pyproject's {requirement.specifier}")


def test_no_test_or_build_tool_is_pinned_for_servers():
    tools = {"pytest", "ruff", "mypy", "hatchling", "pip", "setuptools", "packaging"}
    assert not tools & _pins().keys()


def test_the_recipe_installs_with_the_pins_and_the_system_python():
    recipe = (REPO / "docs" / "hosting.md").read_text(encoding="utf-8")
    assert "/usr/bin/python3 -m venv /opt/leakguide" in recipe
    assert "/opt/leakguide/bin/pip install -c deploy/constraints.txt ." in recipe
    ci = REPO / ".ci" / "run"
    if ci.is_file():  # not in an unpacked sdist
        assert "deploy/pin-constraints --check" in ci.read_text(encoding="utf-8")
