"""NuGet's packages.lock.json: per target framework, each package with its `resolved` version.

    {"version": 1, "dependencies": {"net8.0": {"Newtonsoft.Json": {"type": "Direct",
        "requested": "[13.0.1, )", "resolved": "13.0.1"}}}}

Entries of type `Project` are the solution's own projects and are skipped. A package
resolved identically for several frameworks is listed once, at its first line.
"""

from __future__ import annotations

from typing import Mapping

from hms_policy.deps.records import Dependency, Manifest, ManifestError, json_key_lines, parse_json
from hms_policy.deps.versions import InvalidVersion, sort_key


def parse(text: str) -> Manifest:
    data = parse_json(text)
    if not isinstance(data, Mapping) or not isinstance(data.get("dependencies"), Mapping):
        raise ManifestError("packages.lock.json has no \"dependencies\" object")
    manifest = Manifest("packages.lock.json", "NuGet")
    key_lines = json_key_lines(text)
    used: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for framework in data["dependencies"].values():
        if not isinstance(framework, Mapping):
            continue
        for name, entry in framework.items():
            if not isinstance(entry, Mapping) or entry.get("type") == "Project":
                continue
            occurrences = key_lines.get(name) or [1]
            line = occurrences[min(used.get(name, 0), len(occurrences) - 1)]
            used[name] = used.get(name, 0) + 1
            version = entry.get("resolved")
            if not isinstance(version, str) or (name.lower(), version) in seen:
                continue
            seen.add((name.lower(), version))
            try:
                sort_key("NuGet", version)
            except InvalidVersion:
                manifest.problems.append(f"line {line}: {name!r} has no NuGet version (not judged)")
                continue
            manifest.dependencies.append(Dependency("NuGet", name, version, line))
    return manifest
