"""Importing leakguide changes nothing for other code in the same process.

leakguide once marked `linkify_it` missing in `sys.modules` on import (to save markdown-it's
LinkifyIt: about 1 ms and 0.2 MiB), which broke markdown-it's `linkify` and Textual's `Markdown`
for every other user of the process.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO

CODE = """
import importlib, pkgutil, sys
before = {name for name, module in sys.modules.items() if module is None}
import leakguide
for info in pkgutil.walk_packages(leakguide.__path__, "leakguide."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
after = {name for name, module in sys.modules.items() if module is None}
print(sorted(after - before))
from markdown_it import MarkdownIt
print(MarkdownIt("commonmark", {"linkify": True}).enable("linkify").render("see www.example.com"))
"""


def test_importing_every_module_leaves_other_packages_importable():
    pytest.importorskip("linkify_it", reason="linkify-it-py is not installed (Textual brings it)")
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")}, check=True)
    marked_missing, rendered = done.stdout.split("\n", 1)
    assert marked_missing == "[]"
    assert '<a href="http://www.example.com">' in rendered
