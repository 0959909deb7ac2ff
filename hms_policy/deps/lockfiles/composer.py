"""composer.lock: `packages` and `packages-dev`, each `{"name": "vendor/pkg", "version": "v1.2.3"}`.

Branch versions (`dev-main`, `1.x-dev`) name no release and are not judged.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from hms_policy.deps.records import Dependency, Manifest, parse_json_object
from hms_policy.deps.versions import InvalidVersion, sort_key


def parse(text: str) -> Manifest:
    data = parse_json_object(text, "composer.lock")
    manifest = Manifest("composer.lock", "Packagist")
    lines = _name_lines(text)
    for section in ("packages", "packages-dev"):
        entries = data.get(section)
        if entries is None:
            continue
        if not isinstance(entries, list):
            manifest.problems.append(f"{section!r} is not an array (skipped)")
            continue
        for entry in entries:
            if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
                continue
            name = entry["name"]
            pending = lines.get(name)
            line = pending.pop(0) if pending else 1
            manifest.dependencies.append(Dependency("Packagist", name, _release(entry), line))
    return manifest


def _release(entry: Mapping[str, Any]) -> str | None:
    version = entry.get("version")
    if not isinstance(version, str) or version.startswith("dev-") or version.endswith("-dev"):
        return None
    try:
        sort_key("Packagist", version)
    except InvalidVersion:
        return None
    return version


def _name_lines(text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = re.match(r'^\s*"name"\s*:\s*"([^"]+)"', line)
        if match:
            found.setdefault(match.group(1), []).append(number)
    return found
