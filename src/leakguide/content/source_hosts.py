"""Hosts a guide must not cite: copies of a page, not the page its publisher keeps current.

A source is cited so that a reader (or a reviewer) can check the advice against the publisher's
own, current page. An archived copy, a mirror, a document-sharing site or a staging server shows
a page that may be out of date, changed or taken down, so `check` warns about a source URL on one
of these hosts (a safety rule in validate.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: Archives, mirrors, document-sharing and shop sites, and staging servers. An entry matches a
#: URL's host when it is that host or a subdomain of it (`web.archive.org` and `archive.org`
#: both match `archive.org`); an entry ending in a dot matches a host with that first part, or
#: with it after any dot (`staging.` matches `staging.nhs.uk` and `www.staging.nhs.uk`).
NOT_PRIMARY_HOSTS: tuple[str, ...] = (
    "staging.",
    "web.archive.org",
    "archive.org",
    "archive.ph",
    "archive.today",
    "docslib.org",
    "scribd.com",
    "studylib.net",
    "molaid.com",
    "motherfigure.com",
    "drugs.com",
)


def url_host(url: str) -> str:
    """The host of `url`, lowercase and without a port or a final dot ("" if it has none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # an unbalanced [ in an IPv6 address
        return ""
    return host.rstrip(".")


def not_primary_host(url: str) -> str | None:
    """The entry of `NOT_PRIMARY_HOSTS` that `url`'s host matches, or None."""
    host = url_host(url)
    if not host:
        return None
    for entry in NOT_PRIMARY_HOSTS:
        if entry.endswith("."):
            if host.startswith(entry) or f".{entry}" in host:
                return entry
        elif host == entry or host.endswith(f".{entry}"):
            return entry
    return None
