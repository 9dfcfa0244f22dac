"""Live reload (`leakguide --watch`): notice when the guide file changes on disk. No Textual here.

The app polls `GuideWatcher.poll()` every half second; it costs one `os.stat`. When the file's
signature (device, inode, size, modification time) changes, the app calls `read()` in a worker
thread and hands what it read to `settle()`, which says what to do: show a new guide, show the
problems of a broken one, or nothing (same text, or a file caught in the middle of being saved).

An editor's atomic save (write a temporary file, rename it over the guide) changes the inode;
an in-place write changes the size or modification time. A file that is briefly missing during
a save is "not yet": nothing changes, and the reader is told only if it stays missing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum

from .content.loader import LoadResult, load_guide_text, read_guide_text
from .content.model import Guide

#: Seconds between two looks at the guide file.
POLL_SECONDS = 0.5
#: Polls the file may be missing before the reader is told (about two seconds).
MISSING_POLLS = 4


@dataclass(frozen=True)
class Signature:
    """What `os.stat` says about a file; any difference means it may have changed."""

    device: int
    inode: int
    size: int
    mtime_ns: int


def file_signature(path: str | os.PathLike[str]) -> Signature | None:
    """The file's signature, or None when it does not exist or cannot be looked at."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return Signature(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class Poll(Enum):
    """What one look at the file found."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    #: Missing for the first time long enough to tell the reader (said once per absence).
    MISSING = "missing"


@dataclass(frozen=True)
class Reading:
    """One read of the guide file, done in a worker thread.

    `result` is None when the text is the same as last time (nothing to parse).
    """

    before: Signature | None
    after: Signature | None
    text: str | None
    result: LoadResult | None


class Verdict(Enum):
    """What the app should do with a reading."""

    #: Nothing to show: the text did not change, or the file is mid-save or missing.
    NOTHING = "nothing"
    #: A good new guide: show it (and hide any problems shown before).
    RELOAD = "reload"
    #: The new version has errors: keep the last good guide and show them.
    BROKEN = "broken"


@dataclass(frozen=True)
class Settled:
    """The verdict on a reading, with the new guide or the problem lines to show."""

    verdict: Verdict
    guide: Guide | None = None
    #: Every problem, rendered exactly as `leakguide check` prints it.
    problems: tuple[str, ...] = ()
    error_count: int = 0
    warning_count: int = 0


class GuideWatcher:
    """Tracks one guide file: its last seen signature and text.

    `poll()` and `settle()` run on the app's thread; `read()` may run in a worker thread (it only
    reads the path and the last text, both of which the other two change between reads).
    """

    def __init__(self, path: str, *, missing_polls: int = MISSING_POLLS) -> None:
        self.path = path
        self.missing_polls = missing_polls
        self._signature = file_signature(path)
        text, _ = read_guide_text(path)
        self._text = text
        self._missing = 0

    @property
    def signature(self) -> Signature | None:
        """The signature of the version last read (None before the file was found)."""
        return self._signature

    def poll(self) -> Poll:
        """Look at the file once: has it changed since it was last read?"""
        signature = file_signature(self.path)
        if signature is None:
            self._missing += 1
            return Poll.MISSING if self._missing == self.missing_polls else Poll.UNCHANGED
        self._missing = 0
        return Poll.UNCHANGED if signature == self._signature else Poll.CHANGED

    def read(self) -> Reading:
        """Read the file and, when its text changed, load it (the slow part: off the UI thread)."""
        before = file_signature(self.path)
        text, problem = read_guide_text(self.path)
        if text is None:
            result: LoadResult | None = LoadResult(self.path, None, [problem] if problem else [])
        elif text == self._text:
            result = None
        else:
            result = load_guide_text(text, self.path)
        return Reading(before, file_signature(self.path), text, result)

    def settle(self, reading: Reading) -> Settled:
        """Decide what a reading means, and remember it as the version last seen."""
        if reading.before is None or reading.after is None:
            return Settled(Verdict.NOTHING)  # missing mid-save: look again at the next poll
        if reading.before != reading.after:
            return Settled(Verdict.NOTHING)  # still being written: the next poll reads it again
        self._signature = reading.before
        result = reading.result
        if result is None:
            return Settled(Verdict.NOTHING)
        self._text = reading.text
        lines = tuple(problem.render(self.path) for problem in result.problems)
        errors, warnings = len(result.errors), len(result.warnings)
        if result.ok and result.guide is not None:
            return Settled(Verdict.RELOAD, result.guide, lines, errors, warnings)
        return Settled(Verdict.BROKEN, None, lines, max(errors, 1), warnings)
