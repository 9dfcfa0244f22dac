"""A copy of a guide's parsed TOML, kept between runs so that a start need not parse the file.

tomli parses the bundled guide (86 KB) in about 8 ms, the largest step of a start after importing
Textual; reading the JSON copy takes about 1 ms. A copy holds the text it was made from and is
used only for that very text (compared whole: no hash to trust, nor hashlib's 4 ms import),
parsed by the same tomli, and only a guide that loaded without errors is kept, so the loader
sees exactly what tomli would give it. Any trouble with the cache (none yet, unreadable,
corrupt, from another version) means parsing as usual; failing to write it is silent. `check`
and `--watch` always parse: they are for authors, whose file keeps changing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

import tomli

CACHE_FORMAT = 1
#: Far more than any guide's copy needs (a guide may be 5 MB); a bigger file is not ours.
MAX_CACHE_BYTES = 32 * 1024 * 1024
#: The key of the one-entry table that stands for a date or time (TOML has them, JSON not). A
#: guide with such a key has errors (it is not in the schema), and those are never kept.
_TIME_TAG = "\x00"
_TIME_TYPES: dict[str, type[dt.date] | type[dt.time]] = {
    "date": dt.date, "time": dt.time, "datetime": dt.datetime
}


def default_cache_dir() -> Path:
    """The user's cache directory for leakguide's parsed guides."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("leakguide", appauthor=False)) / "parsed"


def _encode_time(value: object) -> dict[str, list[str]]:
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return {_TIME_TAG: ["datetime", value.isoformat()]}
    if isinstance(value, dt.date):
        return {_TIME_TAG: ["date", value.isoformat()]}
    if isinstance(value, dt.time):
        return {_TIME_TAG: ["time", value.isoformat()]}
    raise TypeError(f"not a TOML value: {type(value).__name__}")


def _decode_time(table: dict[str, Any]) -> Any:
    tagged = table.get(_TIME_TAG) if len(table) == 1 else None
    if (isinstance(tagged, list) and len(tagged) == 2 and tagged[0] in _TIME_TYPES
            and isinstance(tagged[1], str)):
        return _TIME_TYPES[tagged[0]].fromisoformat(tagged[1])
    return table


def to_json(data: dict[str, Any]) -> str:
    """Parsed TOML as JSON text; `from_json` gives back equal data, dates and times included.

    The one thing it cannot give back is a TOML table whose only key is NUL and whose value is a
    tag's pair such as ["date", "2026-11-27"]; no guide without errors has one."""
    return json.dumps(data, default=_encode_time, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Any:
    """The data `to_json` wrote."""
    return json.loads(text, object_hook=_decode_time)


class ParsedGuideCache:
    """The cached parse of one guide file: `parse` its text, then `keep` it once it loaded well."""

    def __init__(self, guide_path: str, directory: Path | None) -> None:
        self._entry: Path | None = None
        self._path = os.path.abspath(guide_path)
        if directory is not None:
            # One entry per guide file; the path is in the entry too, so a clash is only a miss.
            name = zlib.crc32(self._path.encode("utf-8", "surrogateescape"))
            self._entry = directory / f"{name:08x}.json"
        self._unsaved: str | None = None
        #: Whether the last `parse` came from the cache.
        self.hit = False

    def _header(self) -> dict[str, Any]:
        return {"format": CACHE_FORMAT, "tomli": tomli.__version__, "path": self._path}

    def parse(self, text: str) -> dict[str, Any]:
        """What `tomli.loads(text)` returns (and raises), from the cache when it has this text."""
        self.hit = False
        self._unsaved = None
        if self._entry is None:
            return tomli.loads(text)
        cached = self._read(self._header(), text)
        if cached is not None:
            self.hit = True
            return cached
        data = tomli.loads(text)
        self._unsaved = text
        return data

    def _read(self, header: dict[str, Any], text: str) -> dict[str, Any] | None:
        assert self._entry is not None
        try:
            with self._entry.open("rb") as handle:
                raw = handle.read(MAX_CACHE_BYTES + 1)
            if len(raw) > MAX_CACHE_BYTES:
                return None
            entry = from_json(raw.decode("utf-8"))
            if (entry["header"] != header or entry["text"] != text
                    or not isinstance(entry["data"], dict)):
                return None
            return entry["data"]
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None

    def keep(self) -> None:
        """Save a copy of the text just parsed, for the next start; call it only if the guide
        loaded without errors. It parses the text again (the loader changes the data it is
        given), so a caller in a hurry calls it later. Does nothing after a cache hit."""
        if self._unsaved is None or self._entry is None:
            return
        text, self._unsaved = self._unsaved, None
        try:
            data = to_json(tomli.loads(text))
            unsaved = (f'{{"header":{json.dumps(self._header())},'
                       f'"text":{json.dumps(text, ensure_ascii=False)},"data":{data}}}')
        except (ValueError, TypeError, RecursionError):
            return
        try:
            self._entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(dir=self._entry.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(unsaved)
                os.replace(temp_name, self._entry)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp_name)
                raise
        except (OSError, ValueError):  # ValueError: text the file system cannot encode
            pass
