"""The parsed-guide cache: it gives what tomli gives, or nothing; it never breaks a start."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
import tomli
from conftest import REPO

from leakguide import cli
from leakguide.content import load_guide
from leakguide.parsed_cache import ParsedGuideCache, default_cache_dir, from_json, to_json

BUNDLED = REPO / "guide.toml"

EVERY_KIND_OF_VALUE = """
title = "Straße \\u00e9 \\"quoted\\" \\\\ back\\tslash"
multi = '''
line one
line two'''
int = 9_223_372_036_854_775_807
negative = -17
float = 6.626e-34
minus_zero = -0.0
big = inf
small = -inf
not_a_number = nan
yes = true
date = 2026-11-27
time = 07:32:00.999999
local = 1979-05-27T07:32:00
offset = 1979-05-27T00:32:00.5-07:00
utc = 1979-05-27T07:32:00Z
empty = {}
array = [1, "two", 3.0, [4], { five = 5 }, 2026-01-01]
"key with spaces" = "x"
"\\u0000" = "a key that looks like the cache's tag"
alone = { "\\u0000" = "the tag's key, alone in its table" }
pair = { "\\u0000" = ["date", 1] }

[[table]]
name = "first"

[[table]]
name = "second"
when = [07:00:00, 2020-02-29]
"""


def _same(a, b) -> bool:
    """Equal, with NaN equal to NaN and -0.0 told from 0.0."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) ==
                                                      math.copysign(1, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def test_json_gives_back_every_kind_of_toml_value():
    data = tomli.loads(EVERY_KIND_OF_VALUE)
    assert _same(from_json(to_json(data)), data)


def test_json_gives_back_the_bundled_guide():
    data = tomli.loads(BUNDLED.read_text(encoding="utf-8"))
    assert _same(from_json(to_json(data)), data)


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The texts tomli was asked to parse."""
    calls: list[str] = []
    real = tomli.loads

    def counting(text: str, **kwargs):
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(tomli, "loads", counting)
    return calls


def _load(path: Path, directory: Path) -> tuple[object, bool]:
    cache = ParsedGuideCache(str(path), directory)
    result = load_guide(path, cache.parse)
    if result.ok:
        cache.keep()
    return result, cache.hit


def _copy_of_bundled(tmp_path: Path) -> Path:
    guide = tmp_path / "guide.toml"
    guide.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    return guide


def test_the_second_load_reads_the_copy_and_builds_the_same_guide(tmp_path, parses):
    guide, directory = _copy_of_bundled(tmp_path), tmp_path / "cache"
    first, first_hit = _load(guide, directory)
    parsed = len(parses)
    second, second_hit = _load(guide, directory)
    assert (first_hit, second_hit) == (False, True)
    assert len(parses) == parsed  # tomli was not asked
    assert first.ok and second.ok
    assert second.guide == first.guide
    assert second.problems == first.problems
    assert len(list(directory.iterdir())) == 1


def test_a_changed_guide_is_parsed_again(tmp_path, parses):
    guide, directory = _copy_of_bundled(tmp_path), tmp_path / "cache"
    _load(guide, directory)
    text = guide.read_text(encoding="utf-8")
    changed = text.replace("Leaking breast milk: a plain guide", "Leaking milk: changed", 1)
    assert changed != text
    guide.write_text(changed, encoding="utf-8")
    result, hit = _load(guide, directory)
    assert not hit and parses[-1] == changed
    assert result.guide.info.title == "Leaking milk: changed"
    again, hit = _load(guide, directory)
    assert hit and again.guide == result.guide


def test_a_guide_with_errors_is_not_kept(tmp_path):
    guide, directory = tmp_path / "broken.toml", tmp_path / "cache"
    guide.write_text('[guide]\ntitle = "No more than this"\n', encoding="utf-8")
    result, _ = _load(guide, directory)
    assert not result.ok
    assert not directory.exists()


def _entry(directory: Path) -> Path:
    (entry,) = directory.iterdir()
    return entry


def _rewrite(entry: Path, change) -> bytes:
    data = json.loads(entry.read_text(encoding="utf-8"))
    change(data)
    return json.dumps(data).encode()


CORRUPTIONS = {
    "garbage": lambda entry: b"\x00\xff not json",
    "truncated": lambda entry: entry.read_bytes()[: entry.stat().st_size // 2],
    "a list": lambda entry: b"[1, 2, 3]",
    "no data": lambda entry: _rewrite(entry, lambda d: d.pop("data")),
    "data not a table": lambda entry: _rewrite(entry, lambda d: d.update(data=[1])),
    "other text": lambda entry: _rewrite(entry, lambda d: d.update(text=d["text"] + " ")),
    "other tomli": lambda entry: _rewrite(entry, lambda d: d["header"].update(tomli="0.0")),
    "other format": lambda entry: _rewrite(entry, lambda d: d["header"].update(format=0)),
    "other file": lambda entry: _rewrite(entry, lambda d: d["header"].update(path="/x.toml")),
    "a bad time": lambda entry: _rewrite(
        entry, lambda d: d["data"]["guide"].update(reviewed={"\x00": ["date", "Monday"]})),
    "too big": lambda entry: entry.read_bytes() + b" " * (33 * 1024 * 1024),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_bad_copy_is_ignored_and_replaced(tmp_path, parses, corruption):
    guide, directory = _copy_of_bundled(tmp_path), tmp_path / "cache"
    good, _ = _load(guide, directory)
    entry = _entry(directory)
    entry.write_bytes(CORRUPTIONS[corruption](entry))
    result, hit = _load(guide, directory)
    assert not hit
    assert result.guide == good.guide
    _, hit = _load(guide, directory)
    assert hit


def test_an_unwritable_cache_only_means_parsing(tmp_path, parses):
    guide = _copy_of_bundled(tmp_path)
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the directory would be", encoding="utf-8")
    for _ in range(2):
        result, hit = _load(guide, blocked / "parsed")
        assert result.ok and not hit


def test_no_directory_means_no_cache(tmp_path, parses):
    guide = _copy_of_bundled(tmp_path)
    for _ in range(2):
        cache = ParsedGuideCache(str(guide), None)
        assert load_guide(guide, cache.parse).ok
        cache.keep()
    assert len(parses) == 2


def test_the_tools_keep_their_copy_in_the_users_cache_directory(tmp_path, parses, capsys):
    guide = _copy_of_bundled(tmp_path)
    assert cli.main(["paths", str(guide)]) == 0
    first = capsys.readouterr().out
    parsed = len(parses)
    assert cli.main(["paths", str(guide)]) == 0
    assert capsys.readouterr().out == first and len(parses) == parsed
    assert default_cache_dir().is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))
    assert len(list(default_cache_dir().iterdir())) == 1


def test_check_always_parses(tmp_path, parses, capsys):
    guide = _copy_of_bundled(tmp_path)
    assert cli.main(["paths", str(guide)]) == 0
    parsed = len(parses)
    assert cli.main(["check", str(guide)]) == 0
    assert len(parses) == parsed + 1


def test_the_first_start_makes_its_copy_after_the_app(tmp_path, monkeypatch):
    """The app's first start does not wait for the copy: it is made once the app has run."""
    guide = _copy_of_bundled(tmp_path)
    seen: list[bool] = []

    def app_ran(guide_object, path, args) -> int:
        seen.append(any(default_cache_dir().glob("*.json")) if default_cache_dir().exists()
                    else False)
        return 0

    monkeypatch.setattr(cli, "_show", app_ran)
    assert cli.main(["--guide", str(guide)]) == 0
    assert seen == [False]
    assert len(list(default_cache_dir().iterdir())) == 1
    cache = cli.parsed_guide_cache(str(guide))
    assert load_guide(guide, cache.parse).ok and cache.hit
