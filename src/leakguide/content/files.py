"""Opening files that must be ordinary files, and writing files safely. No Textual here.

A FIFO, a terminal or a device where a guide, the state file or an output file is expected would
block `open()` (a FIFO waits for its other end) or `read()` for ever. These helpers open without
waiting (O_NONBLOCK), refuse anything that is not a regular file with `NotARegularFile`, and only
then read or write as usual. `replace_atomically` (the reader's place) and `create_new` (a
saved summary) are the two ways leakguide writes a file of the reader's.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket or a directory, not an ordinary file."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        kind = _kind(mode)
        super().__init__(f"{kind}, not a regular file")
        self.kind = kind
        self.filename = os.fspath(path)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _regular(fd: int, path: str | os.PathLike[str]) -> None:
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotARegularFile(path, mode)
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """`path` opened for reading in binary; `NotARegularFile` (an OSError) unless it is an
    ordinary file. Never blocks on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    _regular(fd, path)
    return os.fdopen(fd, "rb")


def open_regular_for_writing(path: str | os.PathLike[str], mode: int = 0o644) -> BinaryIO:
    """`path` created or emptied for writing in binary; `NotARegularFile` when something other
    than an ordinary file is there (a FIFO: never blocks waiting for a reader)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | os.O_NOCTTY
                     | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as exc:
        if exc.errno == 6:  # ENXIO: a FIFO with no reader
            raise NotARegularFile(path, stat.S_IFIFO) from None
        raise
    _regular(fd, path)
    os.ftruncate(fd, 0)
    return os.fdopen(fd, "wb")


def replace_atomically(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` as `target` all at once: a temporary file beside it, flushed to disk, then
    renamed over it (and the directory flushed). A reader, or a crash, sees the old file or the
    new one, never half of one. Raises OSError when it cannot."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp",
                                         dir=target.parent)
    try:
        os.chmod(temp_name, mode)
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_directory(target.parent)


def create_new(path: Path, data: bytes, mode: int = 0o600) -> bool:
    """Write `data` to a new file at `path`, flushed to disk; False (and nothing written) when
    something is already there. A failed write leaves no file behind."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True


def _fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable where the platform allows it."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
