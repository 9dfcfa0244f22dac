"""The repository carries everything its tests need: no file reaches for a folder beside the clone.

A user's clone has nothing beside it, so a test, script or doc that reads a sibling folder of the
repository works only on the machine it was written on. Test data lives in `tests/corpora/`.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import CORPORA, REPO

# A sibling folder of the clone named "shared", spelt with either slash. Written as a pattern so
# that this file does not name it itself.
SIBLING_SHARED = re.compile(rb"\.\.[/\\]shared\b")


def _tracked_files() -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: this test lists the repository's files with "
                    "`git ls-files`; install git to run it")
    top = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True)
    if top.returncode != 0 or top.stdout.strip() != str(REPO):
        pytest.skip(f"{REPO} is not a git checkout (an unpacked sdist?): this test lists the "
                    "repository's files with `git ls-files`; run it in a `git clone`")
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"],
                            capture_output=True, check=True)
    return [name for name in listed.stdout.decode("utf-8").split("\0") if name]


def test_no_tracked_file_names_a_shared_folder_beside_the_clone():
    files = _tracked_files()
    assert "tests/conftest.py" in files  # the listing is of this repository
    offenders = []
    for name in files:
        path = REPO / name
        if not path.is_file():  # deleted in the work tree but not yet committed
            continue
        for number, line in enumerate(path.read_bytes().splitlines(), start=1):
            if SIBLING_SHARED.search(line):
                offenders.append(f"{name}:{number}: {line.decode('utf-8', 'replace').strip()}")
    assert not offenders, (
        "these files name a folder beside the clone, which a user's clone does not have; "
        "copy what they need into the repository (test data: tests/corpora/):\n"
        + "\n".join(offenders)
    )


def test_the_pattern_finds_what_it_must():
    assert SIBLING_SHARED.search(b"see " + b".." + b"/shared/corpora")
    assert SIBLING_SHARED.search(b".." + b"\\shared")
    assert not SIBLING_SHARED.search(b"LEAKGUIDE_ACCOUNTS=shared")
    assert not SIBLING_SHARED.search(b".." + b"/shared_things")


@pytest.mark.parametrize("name", ["toml-test/LICENSE", "commonmark/LICENSE", "README.md"])
def test_every_corpus_keeps_its_licence_and_origin(name):
    assert (CORPORA / name).is_file(), f"tests/corpora/{name} is missing"


# A path on a developer's machine: a clone elsewhere has none of these. Written as a pattern so
# that this file does not name one itself.
MACHINE_PATH = re.compile(rb"(?<![\w.])/(?:work|root|Users)/[\w.-]")


def test_no_tracked_file_names_a_path_on_a_developers_machine():
    offenders = []
    for name in _tracked_files():
        path = REPO / name
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_bytes().splitlines(), start=1):
            if MACHINE_PATH.search(line):
                offenders.append(f"{name}:{number}: {line.decode('utf-8', 'replace').strip()}")
    assert not offenders, "these files name a path on someone's machine:\n" + "\n".join(offenders)


def test_the_machine_path_pattern_finds_what_it_must():
    assert MACHINE_PATH.search(b"cd " + b"/wo" + b"rk/main && make")
    assert MACHINE_PATH.search(b"PATH=" + b"/ro" + b"ot/.pyenv/bin")
    assert not MACHINE_PATH.search(b"https://example.org/wo" + b"rk/x")
    assert not MACHINE_PATH.search(b"/srv/leakguide/guide.toml")
