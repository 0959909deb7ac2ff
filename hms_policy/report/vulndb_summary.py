"""One line saying which vulnerability data a report's dependency rules used, for the
human-readable formats (the JSON report holds the details: target.vulnerability_database)."""

from __future__ import annotations

from typing import Any, Mapping

MAX_ECOSYSTEMS = 6


def describe(info: Mapping[str, Any] | None) -> str | None:
    if not info:
        return None
    kind = info.get("kind")
    if kind == "none":
        return f"none: {info.get('hint', 'run `hms-policy db update`')}"
    if kind == "online":
        return "OSV's online service"
    if kind == "path":
        return f"OSV records at {info.get('location', '')}"
    if info.get("error"):
        return f"{kind} OSV database at {info.get('location', '')}: {info['error']}"
    ecosystems: Mapping[str, Any] = info.get("ecosystems") or {}
    parts = [
        f"{name} {entry.get('advisories', 0):,} advisories, {entry.get('age_days', 0):g} days old" + (" (stale)" if entry.get("stale") else "")
        for name, entry in list(ecosystems.items())[:MAX_ECOSYSTEMS]
    ]
    if len(ecosystems) > MAX_ECOSYSTEMS:
        parts.append(f"{len(ecosystems) - MAX_ECOSYSTEMS} more")
    label = "managed OSV database" if kind == "managed" else f"OSV database at {info.get('location', '')}"
    return f"{label}: " + ("; ".join(parts) if parts else "empty")
