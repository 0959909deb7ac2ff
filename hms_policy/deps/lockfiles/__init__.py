"""Lock files and manifests of the ecosystems beyond PyPI, npm's package files and Maven's
pom.xml: one small parser module per format, registered here by file name.

Every parser takes the file's text and returns a `Manifest` of exact pins with the line
of each entry, or raises `ManifestError` (one value-free line) when the file cannot be read
at all. Entries that are not registry releases (workspace members, path, git and patch
sources) are left out: OSV knows nothing about them.
"""

from __future__ import annotations

from typing import Callable

from hms_policy.deps.lockfiles import cargo, composer, gemfile, golang, gradle, nuget, pnpm, yarn
from hms_policy.deps.records import Manifest

# file name -> parser
LOCKFILE_PARSERS: dict[str, Callable[[str], Manifest]] = {
    "yarn.lock": yarn.parse,
    "pnpm-lock.yaml": pnpm.parse,
    "gradle.lockfile": gradle.parse,
    "go.mod": golang.parse_go_mod,
    "go.sum": golang.parse_go_sum,
    "Gemfile.lock": gemfile.parse,
    "gems.locked": gemfile.parse,
    "composer.lock": composer.parse,
    "Cargo.lock": cargo.parse,
    "packages.lock.json": nuget.parse,
}
