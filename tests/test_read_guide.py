"""Files that cannot be read as a guide at all: each gets one clear problem, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from guide_text import MINIMAL_TEXT

from leakguide.content import load_guide, loader
from leakguide.content.loader import MAX_GUIDE_BYTES, read_guide_text


def _single(path: Path) -> str:
    result = load_guide(path)
    assert result.guide is None and not result.ok
    assert len(result.problems) == 1, result.problems
    return result.problems[0].render(str(path))


def test_minimal_guide_loads_without_problems(minimal_guide_path):
    result = load_guide(minimal_guide_path)
    assert result.ok and result.problems == []
    assert result.guide is not None and result.guide.info.title == "Test guide"


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    assert _single(path) == f"{path}: error: no such file"


def test_directory(tmp_path):
    assert _single(tmp_path) == f"{tmp_path}: error: is a directory, not a guide file"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root can read a file with mode 000: run the tests as a user other "
                           "than root to check the error for an unreadable guide")
def test_unreadable_file_by_mode(tmp_path):
    path = tmp_path / "guide.toml"
    path.write_text(MINIMAL_TEXT, encoding="utf-8")
    path.chmod(0)
    assert _single(path) == f"{path}: error: permission denied: cannot read the file"


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "guide.toml"
    path.write_text(MINIMAL_TEXT, encoding="utf-8")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(loader, "open_regular", refuse)
    assert _single(path) == f"{path}: error: permission denied: cannot read the file"


def test_other_os_error_is_explained(tmp_path, monkeypatch):
    path = tmp_path / "guide.toml"
    path.write_text(MINIMAL_TEXT, encoding="utf-8")

    def broken(self, *args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(loader, "open_regular", broken)
    assert _single(path) == f"{path}: error: cannot read the file: Input/output error"


def test_not_utf8_names_the_first_bad_byte(tmp_path):
    path = tmp_path / "guide.toml"
    path.write_bytes(b'format = 1\n# caf\xe9 au lait\n')
    assert _single(path) == f"{path}:2:6: error: the file is not valid UTF-8 text"


def test_latin1_text_is_not_utf8(tmp_path):
    path = tmp_path / "guide.toml"
    path.write_bytes(b"format = 1\n\xe9t\xe9 = 1\n")
    assert _single(path) == f"{path}:2:1: error: the file is not valid UTF-8 text"


@pytest.mark.parametrize(
    ("content", "where"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "3:1"),
     # An ELF program's start: NULs at even and at odd offsets alike, so not UTF-16.
     (b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x03\x00>\x00\x01\x00\x00\x00"
      + (b"\x00" * 6 + b"@\x00" + b"\x00" * 3 + b"\xa8" + b"\x01\x02") * 30, "1:8"),
     (b"text = 1\ntitle = \"a\x00b\"\n", "2:11")],
    ids=["png", "elf", "nul-in-text"],
)
def test_a_nul_byte_is_pointed_at(tmp_path, content, where):
    """A NUL is what a program or an image has, or a stray byte in a text: it was reported
    at 1:1, which in a 7,000-line guide did not say where."""
    path = tmp_path / "guide.toml"
    path.write_bytes(content)
    assert _single(path) == (f"{path}:{where}: error: a NUL byte: a guide is text, and text "
                             "has none (delete it here; a program or an image is not a guide)")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("utf-16", MINIMAL_TEXT), ("utf-16-le", MINIMAL_TEXT), ("utf-16-be", MINIMAL_TEXT),
     ("utf-32-le", MINIMAL_TEXT),
     # Without a byte-order mark only mostly-ASCII text is recognised; with one, any text.
     ("utf-16", 'title = "乳腺炎"\n' * 40)],
    ids=["bom", "le", "be", "utf-32", "bom-chinese"],
)
def test_utf16_is_said_to_be_utf16(tmp_path, encoding, text):
    path = tmp_path / "guide.toml"
    path.write_bytes(text.encode(encoding))
    assert _single(path) == (
        f"{path}:1:1: error: the file is not UTF-8 text (it looks like UTF-16); save it as UTF-8"
    )


def test_over_size_limit(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:  # sparse: no 5 MB written to disk
        handle.truncate(MAX_GUIDE_BYTES + 1)
    assert _single(path) == (
        f"{path}:1:1: error: is 5,242,881 bytes; a guide may be at most 5,242,880 bytes"
    )


def test_exactly_at_size_limit_is_read(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * (MAX_GUIDE_BYTES - 1) + b"\n")
    text, problem = read_guide_text(path)
    assert problem is None and text is not None and len(text) == MAX_GUIDE_BYTES


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_without_reading_it():
    # stat() says 0 bytes; it is not a regular file, so it is never read (nor waited on).
    assert _single(Path("/dev/zero")) == "/dev/zero: error: is a device, not a guide file"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n\n"], ids=["empty", "whitespace"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "guide.toml"
    path.write_bytes(content)
    assert _single(path) == f"{path}:1:1: error: the file is empty"


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "guide.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_TEXT.encode("utf-8"))
    assert load_guide(path).ok


def test_crlf_line_endings_are_accepted(tmp_path):
    path = tmp_path / "guide.toml"
    path.write_bytes(MINIMAL_TEXT.replace("\n", "\r\n").encode("utf-8"))
    result = load_guide(path)
    assert result.ok and result.problems == []
