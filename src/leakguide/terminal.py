"""What the reader's terminal can show, and the driver that keeps the app within it.

No Textual at import time: `driver_class_for` imports it only when the full-screen app starts.
"""

from __future__ import annotations

import os
import sys
import time
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

#: Box drawing (U+2500..U+257F) by shape: what an ASCII terminal can draw instead.
_HORIZONTAL = set("─━┄┅┈┉╌╍═╴╶╸╺╼╾")
_VERTICAL = set("│┃┆┇┊┋╎╏║╵╷╹╻╽╿")
#: Common typography in guide text and in Textual's own widgets, one cell each.
_SINGLE_CELL = {
    "‘": "'", "’": "'", "‚": ",", "“": '"', "”": '"', "„": '"', "′": "'", "″": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "…": ".", "•": "*", "·": ".",
    "◦": "o", "●": "*", "○": "o", "■": "#", "□": "#", "▪": "*", "▫": ".", "◆": "*",
    "▶": ">", "►": ">", "▸": ">", "▹": ">", "◀": "<", "◂": "<", "▼": "v", "▾": "v",
    "▲": "^", "▴": "^", "→": ">", "←": "<", "↑": "^", "↓": "v", "⇒": ">",
    "✓": "v", "✔": "v", "✗": "x", "✘": "x", "×": "x", "⚠": "!", "⭘": "o", "›": ">",
    "⏎": "<", "↵": "<", "⇥": ">", "⌫": "<", "⎋": "~",
    "‹": "<", "»": ">", "«": "<", "\u00a0": " ", "\u2009": " ", "\u200a": " ",
    "▁": "_", "▂": "_", "▃": "_", "▄": "_", "▅": "#", "▆": "#", "▇": "#", "█": "#",
    "▌": "|", "▐": "|", "▏": "|", "▎": "|", "▍": "|", "▋": "|", "▊": "|", "▉": "#",
    "▔": "-", "░": ":", "▒": "#", "▓": "#",
}


def locale_is_utf8(environ: Mapping[str, str] | None = None) -> bool:
    """True when the reader's locale (LC_ALL, LC_CTYPE, LANG) asks for UTF-8.

    Python switches a plain "C"/"POSIX" locale to UTF-8 for itself (PEP 538/540), which says
    nothing about the terminal; this looks at what the reader set instead.
    """
    env = os.environ if environ is None else environ
    # When the locale cannot be set (C, POSIX, unset, or a name this system has not installed,
    # such as zh_CN.UTF-8 forwarded over SSH), Python sets LC_CTYPE=C.UTF-8 for itself; that
    # says nothing about the terminal, so look past it to what the reader set.
    coerced = environ is None and sys.flags.utf8_mode and not _utf8_requested_explicitly()
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name, "")
        if coerced and name == "LC_CTYPE" and _names_utf8(value):
            continue
        if value:
            return _names_utf8(value)
    return False


def speaks_utf8(stream) -> bool:
    """True when text written to `stream` is encoded as UTF-8 (not so with
    `PYTHONIOENCODING=ascii`, whatever the locale says)."""
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def _utf8_requested_explicitly() -> bool:
    return os.environ.get("PYTHONUTF8") == "1" or "utf8" in getattr(sys, "_xoptions", {})


def _names_utf8(locale_name: str) -> bool:
    codeset = locale_name.partition(".")[2].partition("@")[0]
    return codeset.lower().replace("-", "").replace("_", "") == "utf8"


@lru_cache(maxsize=4096)
def _ascii_for(char: str) -> str:
    replacement = _SINGLE_CELL.get(char)
    if replacement is not None:
        return replacement
    code = ord(char)
    if 0x2500 <= code <= 0x257F:
        if char in _HORIZONTAL:
            return "-"
        if char in _VERTICAL:
            return "|"
        return "+"
    if 0x2580 <= code <= 0x259F:
        return "#"
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if c.isascii() and c.isprintable())
    from .render.cells import char_cells

    width = char_cells(char)
    if width == 0:
        return ""
    if len(base) == width:
        return base
    return "?" * width


def to_ascii(text: str) -> str:
    """`text` with every non-ASCII character replaced by ASCII of the same cell width."""
    if text.isascii():
        return text
    return "".join(c if c.isascii() else _ascii_for(c) for c in text)


class TerminalInputDecoder:
    """Bytes from the reader's terminal to text, for any bytes at all.

    Invalid UTF-8 (a stray 0xFF or 0x80, a Latin-1 "é" from a terminal set to another
    encoding) is dropped, never an error. An old-style (X10) mouse report, ESC [ M and three
    raw bytes, carries its column as one byte, 0x80 and above past column 95: those three bytes
    are passed on one character each (the parser ignores X10 reports), so they neither stop
    the decoder nor swallow the key typed after them.
    """

    X10_MOUSE = b"\x1b[M"

    def __init__(self) -> None:
        import codecs

        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="ignore")
        self._pending = b""

    def decode(self, data: bytes, final: bool = False) -> str:
        data = self._pending + data
        self._pending = b""
        parts: list[str] = []
        start = 0
        while True:
            mouse = data.find(self.X10_MOUSE, start)
            if mouse == -1:
                break
            report_end = mouse + len(self.X10_MOUSE) + 3
            if report_end > len(data) and not final:
                parts.append(self._utf8.decode(data[start:mouse]))
                self._pending = data[mouse:]  # the rest of the report is on its way
                return "".join(parts)
            parts.append(self._utf8.decode(data[start:mouse], final=True))
            parts.append(data[mouse:report_end].decode("latin-1"))
            start = report_end
        parts.append(self._utf8.decode(data[start:], final=final))
        return "".join(parts)


#: The most characters of one bracketed paste passed on to the app; the rest is dropped. More
#: than any field takes (the search field takes 200), and small enough that a 10 MB paste
#: costs nothing to handle.
MAX_PASTE = 4096
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


#: Keys the app takes at once, and how many more each second (a token bucket): far more than
#: a reader types, holds down or has queued behind a slow link; an unbracketed paste sends
#: one key per character.
KEY_BURST = 500
KEYS_PER_SECOND = 100


class KeyBudget:
    """How many keys the input thread may still send to the app (a token bucket).

    A paste the terminal sends as typing (not bracketed) arrives as one key per character: a
    megabyte of it queued a million keys, took a core for a minute and about 1 GiB, then
    failed. Past `burst` keys at once, and `per_second` after that, further keys are dropped
    (`may_send`) and counted (`dropped`, which the app reads to tell the reader)."""

    def __init__(self, burst: int = KEY_BURST, per_second: float = KEYS_PER_SECOND,
                 clock: Callable[[], float] | None = None) -> None:
        self.burst = burst
        self.per_second = per_second
        self._clock = clock or time.monotonic
        self._tokens = float(burst)
        self._last = self._clock()
        self.dropped = 0

    def may_send(self) -> bool:
        """Whether a key may go to the app now; else it is dropped (and counted)."""
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.per_second)
        self._last = now
        if self._tokens < 1:
            self.dropped += 1
            return False
        self._tokens -= 1
        return True


class PasteLimiter:
    """Passes terminal input on unchanged, except that a bracketed paste keeps only its first
    `MAX_PASTE` characters (the end marker always passes, so the paste still ends)."""

    def __init__(self, limit: int = MAX_PASTE) -> None:
        self.limit = limit
        self._in_paste = False
        self._kept = 0
        self._carry = ""  # the start of what may be the end marker, inside a paste
        self._recent = ""  # the last characters passed on outside a paste

    def filter(self, text: str) -> str:
        text = self._carry + text
        self._carry = ""
        out: list[str] = []
        while text:
            if not self._in_paste:  # pass everything on at once: an Escape must not wait
                seen = self._recent + text
                start = seen.find(PASTE_START)
                if start == -1:
                    out.append(text)
                    self._recent = seen[-(len(PASTE_START) - 1):]
                    break
                cut = start + len(PASTE_START) - len(self._recent)
                out.append(text[:cut])
                text = text[cut:]
                self._in_paste, self._kept, self._recent = True, 0, ""
                continue
            end = text.find(PASTE_END)
            body = text if end == -1 else text[:end]
            if end == -1:
                keep = _partial_marker(body, PASTE_END)
                body, self._carry = body[:len(body) - keep], body[len(body) - keep:]
            room = self.limit - self._kept
            out.append(body[:max(room, 0)])
            self._kept += min(len(body), max(room, 0))
            if end == -1:
                break
            out.append(PASTE_END)
            text = text[end + len(PASTE_END):]
            self._in_paste = False
        return "".join(out)


def _partial_marker(text: str, marker: str) -> int:
    """How many characters at the end of `text` could begin `marker`."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


def driver_class_for(*, hosted: bool, ascii_only: bool) -> type | None:
    """A Textual driver that reads any bytes the reader's terminal sends (see
    `TerminalInputDecoder`), never opens URLs or saves files on a hosted server, and (when
    `ascii_only`) sends only ASCII to the terminal. None on Windows (Textual's own driver)."""
    if sys.platform == "win32":
        return None
    from textual.drivers.linux_driver import LinuxDriver

    class LeakGuideDriver(LinuxDriver):
        """The Linux driver with the reader's terminal and the host's safety in mind."""

        #: Only ASCII goes to the terminal (`write` converts, and so does paced output).
        sends_ascii_only: bool = ascii_only

        def __init__(self, app: Any, **options: Any) -> None:
            super().__init__(app, **options)
            self.leakguide_app = app  # Textual keeps it only as the private `_app`

        def run_input_thread(self) -> None:
            _run_input_thread(self)

        if ascii_only:

            def write(self, data: str) -> None:
                super().write(to_ascii(data))

        if hosted:

            def open_url(self, url: str, new_tab: bool = True) -> None:
                """On a hosted server a browser would open on the server: never do that."""

            def deliver_binary(self, binary, *, delivery_key, save_path, **kwargs) -> None:
                """Hosted readers cannot save files on the server (screenshots included)."""
                from textual import events

                self.leakguide_app.post_message(events.DeliveryFailed(
                    key=delivery_key, name=kwargs.get("name"),
                    exception=PermissionError("saving files is off on this server"),
                ))

    return LeakGuideDriver


def browser_driver_class() -> type:
    """The driver for a browser session under textual-serve: Textual's web driver, which
    never opens a URL on the server (the hosted rule; links are shown as text) and delivers
    files to the reader's browser as downloads, never into the server's file system."""
    from textual.drivers.web_driver import WebDriver

    class LeakGuideBrowserDriver(WebDriver):
        """Textual's web driver with the host's safety in mind."""

        def open_url(self, url: str, new_tab: bool = True) -> None:
            """A hosted guide opens no URLs (the same rule as over SSH)."""

    return LeakGuideBrowserDriver


def _run_input_thread(driver) -> None:
    """Textual's `LinuxDriver.run_input_thread`, decoding with `TerminalInputDecoder` instead
    of a strict UTF-8 decoder (which raises on the first invalid byte and ends the app),
    cutting long pastes short with `PasteLimiter`, and dropping keys past the app's
    `KeyBudget`."""
    import selectors

    from textual._xterm_parser import XTermParser
    from textual.events import Key

    selector = selectors.SelectSelector()
    fileno = driver.fileno
    selector.register(fileno, selectors.EVENT_READ)
    parser = XTermParser(driver._debug)
    decoder = TerminalInputDecoder()
    pastes = PasteLimiter()
    keys = getattr(driver.leakguide_app, "key_budget", None)

    def process(events: list, final: bool = False) -> None:
        for index, (_key, mask) in enumerate(events):
            if mask & selectors.EVENT_READ:
                last = index == len(events) - 1
                text = pastes.filter(decoder.decode(os.read(fileno, 4096), final=final and last))
                if not text:
                    break
                for message in parser.feed(text):
                    if keys is None or not isinstance(message, Key) or keys.may_send():
                        driver.process_message(message)
        for message in parser.tick():
            driver.process_message(message)

    try:
        while not driver.exit_event.is_set():
            process(selector.select(0.1))
        selector.unregister(fileno)
        process(selector.select(0.1), final=True)
    finally:
        selector.close()
        try:
            for _message in parser.feed(""):
                pass
        except Exception:  # noqa: BLE001 - the parser's end-of-input errors: nothing to do
            pass
