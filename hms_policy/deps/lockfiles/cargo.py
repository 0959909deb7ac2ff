"""Cargo.lock: `[[package]]` tables with `name`, `version` and `source`.

Packages without a `source` are the workspace's own crates; `git+` sources are not
registry releases. Both are skipped; `registry+` and `sparse+` sources are crates.io (or a
mirror of it).
"""

from __future__ import annotations

from typing import Mapping

from hms_policy.deps.records import Dependency, Manifest, ManifestError, parse_toml
from hms_policy.deps.versions import exact_semver


def parse(text: str) -> Manifest:
    data = parse_toml(text)
    packages = data.get("package", [])
    if not isinstance(packages, list):
        raise ManifestError("Cargo.lock: [package] is not an array of tables")
    manifest = Manifest("Cargo.lock", "crates.io")
    lines = _package_lines(text)
    for index, package in enumerate(packages):
        if not isinstance(package, Mapping) or not isinstance(package.get("name"), str):
            continue
        source = package.get("source")
        if not isinstance(source, str) or not source.startswith(("registry+", "sparse+")):
            continue
        version = package.get("version")
        line = lines[index] if index < len(lines) else 1
        manifest.dependencies.append(Dependency("crates.io", package["name"], exact_semver(version) if isinstance(version, str) else None, line))
    return manifest


def _package_lines(text: str) -> list[int]:
    """The line of each `[[package]]` header, in order."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[package]]"]
