"""The dependency inventory of a scanned tree, for the SBOM: every manifest and lock file
read into `Component` records.

Where a directory has a lock file for an ecosystem, its loose manifests of that ecosystem
(package.json beside package-lock.json, pyproject.toml beside poetry.lock, go.sum beside
go.mod) are left out: the lock file names what is installed, the manifest only ranges.
A file that cannot be parsed becomes an error with the same text DEP002 gives, so a scan
that runs both reports it once.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterable

from hms_policy.deps.manifests import ManifestError, read_manifest
from hms_policy.deps.records import Manifest
from hms_policy.model import Component, ScanError

# The kinds that name what is installed rather than what is allowed.
LOCK_KINDS = frozenset(
    "Pipfile.lock poetry.lock uv.lock pdm.lock pylock.toml package-lock.json npm-shrinkwrap.json yarn.lock "
    "pnpm-lock.yaml go.mod gradle.lockfile Gemfile.lock gems.locked composer.lock Cargo.lock packages.lock.json".split()
)


def inventory(files: Iterable[tuple[str, str]]) -> tuple[list[Component], list[ScanError]]:
    """Components of the (path, text) manifests given, in path order, and the parse errors."""
    parsed: list[tuple[str, Manifest]] = []
    errors: list[ScanError] = []
    for path, text in sorted(files):
        try:
            manifest = read_manifest(path, text)
        except ManifestError as exc:
            errors.append(ScanError(path, f"cannot parse dependency manifest: {exc}", "parse"))
            continue
        except RecursionError:
            errors.append(ScanError(path, "cannot parse dependency manifest: nesting too deep", "parse"))
            continue
        if manifest is not None:
            parsed.append((path, manifest))
    locked = {(_directory(path), m.ecosystem) for path, m in parsed if m.kind in LOCK_KINDS}
    components: list[Component] = []
    for path, manifest in parsed:
        if manifest.kind not in LOCK_KINDS and (_directory(path), manifest.ecosystem) in locked:
            continue
        seen: set[tuple[str, str | None]] = set()
        for dep in manifest.dependencies:
            if (dep.name, dep.version) not in seen:
                seen.add((dep.name, dep.version))
                components.append(Component(dep.ecosystem, dep.name, dep.version, path, dep.line))
    return components, errors


def _directory(path: str) -> str:
    return PurePosixPath(path).parent.as_posix()
