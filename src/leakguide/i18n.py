"""The reader's language: which one (from `--lang` or the locale), and the interface's own words
in it through stdlib gettext.

English needs no catalogue: `_` returns its message as it is, and gettext is imported only when
another language is chosen. The catalogue is `locale/zh_CN/LC_MESSAGES/leakguide.mo` in the
package, compiled by Babel from `leakguide.po` (see scripts/catalogue.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

#: Language tags the interface and the guide may be shown in; the first is the fallback.
SUPPORTED: tuple[str, ...] = ("en", "zh-CN")
#: The gettext locale name of each language with a catalogue.
_CATALOGUES: Mapping[str, str] = {"zh-CN": "zh_CN"}
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_language = "en"
_gettext: Callable[[str], str] = str


def normal_language(tag: str | None) -> str:
    """A language tag as the guide spells it: "zh_CN", "zh-cn", "zh" -> "zh-CN"; others "en"."""
    if not tag:
        return "en"
    base = tag.split(".")[0].split("@")[0].replace("_", "-").lower()
    if base in ("zh", "zh-cn"):
        return "zh-CN"
    return "en"


def locale_dir() -> str:
    """The folder holding the compiled catalogues."""
    return os.path.join(os.path.dirname(__file__), "locale")


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set
    (zh_CN.UTF-8, zh_CN and zh mean zh-CN; anything else English)."""
    environ = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            return normal_language(value)
    return "en"


def parse_language(value: str) -> str | None:
    """A `--lang` value as a supported tag ("zh_CN", "zh" -> "zh-CN"), or None if unsupported."""
    if value.replace("_", "-").lower() in ("en", "en-gb", "en-us", "c", "posix"):
        return "en"
    tag = normal_language(value)
    return tag if tag != "en" else None


def reader_language(requested: str | None = None, environ: Mapping[str, str] | None = None
                    ) -> str:
    """`requested` (a `--lang` value already parsed) if given, else the locale's language."""
    return requested or language_from_environment(environ)


def set_language(language: str) -> None:
    """Speak `language` from now on (the interface's words; the guide is localised apart)."""
    global _language, _gettext
    _language = language if language in SUPPORTED else "en"
    catalogue = _CATALOGUES.get(_language)
    if catalogue is None:
        _gettext = str
        return
    import gettext

    translation = gettext.translation("leakguide", locale_dir(), languages=[catalogue],
                                      fallback=True)
    _gettext = translation.gettext


def language() -> str:
    """The language being spoken ("en" until `set_language`)."""
    return _language


def colon() -> str:
    """The colon after a word such as "Evidence", as the language writes it."""
    return "\uff1a" if _language == "zh-CN" else ": "


def list_comma() -> str:
    """What separates the items of a short list ("a, b" / "甲、乙"), as the language writes it."""
    return "\u3001" if _language == "zh-CN" else ", "


def _(message: str) -> str:
    """`message` in the reader's language (itself in English or when it has no translation)."""
    return _gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue where it is defined; `_` translates it where shown."""
    return message
