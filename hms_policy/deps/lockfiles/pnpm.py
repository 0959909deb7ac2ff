"""pnpm-lock.yaml: the `packages:` section, whose keys name each installed release.

    lockfile v5:   /lodash/4.17.21:          /@babel/core/7.12.3_peer@1.0.0:
    lockfile v6:   /lodash@4.17.21:          /@babel/core@7.12.3(peer@1.0.0):
    lockfile v9:   lodash@4.17.21:           '@babel/core@7.12.3':

Read line by line so each entry keeps its line (the YAML is plain and machine-written).
Keys whose version is not a semantic version (tarball URLs, git sources) are skipped.
"""

from __future__ import annotations

import re

from hms_policy.deps.records import Dependency, Manifest, ManifestError
from hms_policy.deps.versions import exact_semver

_SECTION = re.compile(r"^([A-Za-z][\w-]*):\s*(?:\{\})?\s*$")
_KEY = re.compile(r"^  ([^\s#].*?):\s*(?:\{\})?\s*$")


def parse(text: str) -> Manifest:
    manifest = Manifest("pnpm-lock.yaml", "npm")
    if not re.search(r"^lockfileVersion:", text, re.M):
        raise ManifestError("not a pnpm lock file: no lockfileVersion")
    section = ""
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(text.splitlines(), 1):
        top = _SECTION.match(line)
        if top:
            section = top.group(1)
            continue
        if section != "packages":
            continue
        key = _KEY.match(line)
        if not key:
            continue
        parsed = split_key(key.group(1).strip().strip("\"'"))
        if parsed is None:
            continue
        name, version = parsed
        pinned = exact_semver(version)
        if pinned is None or (name, pinned) in seen:
            continue
        seen.add((name, pinned))
        manifest.dependencies.append(Dependency("npm", name, pinned, number))
    return manifest


def split_key(key: str) -> tuple[str, str] | None:
    """(name, version) of a `packages:` key, peer-dependency suffixes removed."""
    key = key.lstrip("/").split("(", 1)[0]  # v6+: "name@1.0.0(peer@2.0.0)"
    scope = ""
    if key.startswith("@"):
        scope, _, key = key.partition("/")
        scope += "/"
    at, slash = key.find("@"), key.find("/")
    if at > 0 and (slash < 0 or at < slash):  # v6+: name@version
        name, version = key[:at], key[at + 1 :]
    else:  # v5: name/version, peers after "_" ("7.12.3_peer@1.0.0")
        name, _, version = key.partition("/")
        version = version.split("_", 1)[0]
    return (scope + name, version) if name and version else None
