"""Shared test helpers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Third-party test data kept in the repository, each with its licence (see corpora/README.md).
CORPORA = Path(__file__).resolve().parent / "corpora"
BUNDLED_GUIDE = REPO / "guide.toml"


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m leakguide ARGS` from the source tree and capture its output."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "leakguide", *args],
        capture_output=True, text=True, env=full_env, input=input, timeout=timeout,
    )


@pytest.fixture
def minimal_guide_path() -> Path:
    return FIXTURES / "minimal.toml"


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    """Every test gets empty state, data and cache dirs: no test reads or writes the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))  # no reader's keys.toml
    monkeypatch.delenv("LEAKGUIDE_STATE_DIR", raising=False)


#: Long runs of the whole system (a real sshd, a real browser, many readers, a soak, a walk of
#: the bundled flow). `.ci/run` runs them on the newest versions only (`-m "not system"` in its
#: lowest-versions run), which keeps CI under 20 minutes; what they exercise of Textual is also
#: covered there by the shorter tests.
SYSTEM_MODULES = {"test_ssh_e2e", "test_browser", "test_serve", "test_load_benchmark",
                  "test_soak", "test_monkey"}
SYSTEM_TESTS = {"test_every_path_through_the_flow_ends_at_its_outcome_with_its_reasons[bundled]"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every screenshot test `snapshot`: `.ci/run` deselects them (`-m "not snapshot"`) in its
    run on the lowest supported versions, since the screenshots are recorded with the newest.
    Mark the long whole-system runs `system` (see SYSTEM_MODULES)."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)
        module = getattr(item, "module", None)
        if (module is not None and module.__name__ in SYSTEM_MODULES) or item.name in SYSTEM_TESTS:
            item.add_marker(pytest.mark.system)
