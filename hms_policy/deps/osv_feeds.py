"""What OSV publishes and where: the per-ecosystem archives `hms-policy db update` fetches.
(Kept apart from the downloader so the command line can name them without importing it.)"""

from __future__ import annotations

import urllib.parse

DEFAULT_BASE_URL = "https://osv-vulnerabilities.storage.googleapis.com"
# What `db update` fetches without --ecosystem: the language ecosystems lock files name.
DEFAULT_ECOSYSTEMS = ("PyPI", "npm", "Maven", "Go", "RubyGems", "Packagist", "crates.io", "NuGet")
# Selectable with --ecosystem, for container images (their releases are "Debian:12" ...).
OS_ECOSYSTEMS = ("Debian", "Alpine", "Ubuntu")
KNOWN_ECOSYSTEMS = DEFAULT_ECOSYSTEMS + OS_ECOSYSTEMS


def canonical_ecosystem(text: str) -> str | None:
    """The OSV spelling of an ecosystem the user typed ("pypi" -> "PyPI"), or None."""
    lowered = text.strip().lower()
    return next((e for e in KNOWN_ECOSYSTEMS if e.lower() == lowered), None)


def archive_url(base_url: str, ecosystem: str) -> str:
    """<base>/<Ecosystem>/all.zip, as OSV's bucket lays them out."""
    return f"{base_url.rstrip('/')}/{urllib.parse.quote(ecosystem, safe='.')}/all.zip"


def printable_url(url: str) -> str:
    """`url` without what may be a credential (user:password@, query, fragment), for the index,
    messages and reports: a mirror's URL can carry a token."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    if parts.username or parts.password:
        host = "***@" + host
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))
