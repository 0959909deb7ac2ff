"""yarn.lock, both the classic v1 format and berry's (v2+, YAML with `__metadata`).

v1:     `lodash@^4.17.15, lodash@^4.17.20:` then an indented `version "4.17.21"`
berry:  `"lodash@npm:^4.17.15":` then `version: 4.17.21` and `resolution: "lodash@npm:4.17.21"`

Read line by line (both are line-oriented and the line of each entry is wanted). In berry
only `npm:` resolutions are registry releases; `workspace:`, `patch:`, `link:`, `portal:`,
`file:` and git ones are skipped, as are v1 entries resolved from git or a local file.
"""

from __future__ import annotations

import re

from hms_policy.deps.records import Dependency, Manifest, ManifestError
from hms_policy.deps.versions import exact_semver

_HEADER = re.compile(r"^(\S.*):\s*$")
_VERSION = re.compile(r"^\s+version:?\s+\"?([^\"\s]+)\"?\s*$")
_RESOLUTION = re.compile(r"^\s+resolution:\s+\"?([^\"]+?)\"?\s*$")
_RESOLVED = re.compile(r"^\s+resolved:?\s+\"?([^\"\s]+)\"?\s*$")
_LOCAL = ("git+", "git:", "file:", "link:", "github:", "https://codeload.github.com/")


def parse(text: str) -> Manifest:
    manifest = Manifest("yarn.lock", "npm")
    entries = _entries(text)
    if not entries and text.strip() and not text.lstrip().startswith("#"):
        raise ManifestError("not a yarn.lock: no entries found")
    for header_line, header, fields in entries:
        name = _package_name(header)
        if name is None or name == "__metadata":
            continue
        resolution = fields.get("resolution")
        if resolution is not None:  # berry
            found = re.match(r"^(@?[^@]+)@npm:(.+)$", resolution)
            if not found:
                continue  # workspace:, patch:, link:, portal:, file:, git sources
            name, version = found.group(1), found.group(2)
        else:
            version = fields.get("version", "")
            if fields.get("resolved", "").startswith(_LOCAL):
                continue
        pinned = exact_semver(version) if version else None
        if version and pinned is None:
            manifest.problems.append(f"line {header_line}: version of {name!r} is not a semantic version (not judged)")
        manifest.dependencies.append(Dependency("npm", name, pinned, header_line))
    return manifest


def _entries(text: str) -> list[tuple[int, str, dict[str, str]]]:
    """(line, header, {field: value}) of each top-level entry."""
    entries: list[tuple[int, str, dict[str, str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            entries.append((number, header.group(1), {}))
            continue
        if not entries or not line.startswith(" ") or line.startswith("    "):
            continue  # nested tables (dependencies:) are not the entry's own fields
        for key, pattern in (("version", _VERSION), ("resolution", _RESOLUTION), ("resolved", _RESOLVED)):
            found = pattern.match(line)
            if found:
                entries[-1][2].setdefault(key, found.group(1))
    return entries


def _package_name(header: str) -> str | None:
    """The package a header describes: `"@scope/a@^1.0.0", "@scope/a@~1.1"` -> `@scope/a`."""
    first = header.split(",")[0].strip().strip("\"'")
    at = first.find("@", 1)  # a scoped name starts with '@'
    if at <= 0:
        return first or None
    spec = first[at + 1 :]
    if spec.startswith("npm:") and "@" in spec[5:]:  # an alias: "strip-cjs@npm:strip-ansi@^6.0.1"
        real = spec[4:]
        return real[: real.find("@", 1)]
    return first[:at]
