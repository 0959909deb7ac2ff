"""Gradle dependency lock files: `gradle.lockfile` (Gradle 6.8+) and the older per
configuration files `gradle/dependency-locks/<configuration>.lockfile`.

    com.google.guava:guava:31.1-jre=compileClasspath,runtimeClasspath
    empty=annotationProcessor
"""

from __future__ import annotations

from hms_policy.deps.records import Dependency, Manifest
from hms_policy.deps.versions import InvalidVersion, sort_key


def parse(text: str) -> Manifest:
    manifest = Manifest("gradle.lockfile", "Maven")
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#") or entry.startswith("empty="):
            continue
        coordinates = entry.split("=", 1)[0]
        parts = coordinates.split(":")
        if len(parts) != 3 or not all(parts):
            manifest.problems.append(f"line {number}: not group:artifact:version (skipped)")
            continue
        group, artifact, version = parts
        try:
            sort_key("Maven", version)
        except InvalidVersion:
            manifest.problems.append(f"line {number}: not a Maven version (skipped)")
            continue
        manifest.dependencies.append(Dependency("Maven", f"{group}:{artifact}", version, number))
    return manifest
