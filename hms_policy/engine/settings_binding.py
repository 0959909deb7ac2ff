"""Scan settings a rule's detector may read, named in the rule's YAML.

A detector sees only its `params`. A rule that needs a scan setting says so explicitly,
the way `{from_pack: name}` takes a pack parameter:

    match:
      kind: detector
      detector: hms.deps.vulnerable_dependency
      params:
        vuln_db: {from_settings: vuln_db}          # optional: default: <value>

`bind_settings` replaces each such placeholder with the setting's value (or the default,
or None) once per scan, before the plan is built, so detectors stay pure functions of
(document, params) and never read configuration or the environment themselves. Only the
keys a rule names reach it.
"""

from __future__ import annotations

from typing import Any, Mapping


def _is_placeholder(spec: Any) -> bool:
    return isinstance(spec, Mapping) and "from_settings" in spec and set(spec) <= {"from_settings", "default"}


def bind_settings(spec: Any, settings: Mapping[str, Any]) -> Any:
    if _is_placeholder(spec):
        return settings.get(str(spec["from_settings"]), spec.get("default"))
    if isinstance(spec, Mapping):
        return {k: bind_settings(v, settings) for k, v in spec.items()}
    if isinstance(spec, list):
        return [bind_settings(v, settings) for v in spec]
    return spec


def uses_settings(spec: Any) -> bool:
    if _is_placeholder(spec):
        return True
    if isinstance(spec, Mapping):
        return any(uses_settings(v) for v in spec.values())
    if isinstance(spec, list):
        return any(uses_settings(v) for v in spec)
    return False


def reads_setting(spec: Any, key: str) -> bool:
    """Whether `spec` holds a `{from_settings: key}` placeholder."""
    if _is_placeholder(spec):
        return spec["from_settings"] == key
    if isinstance(spec, Mapping):
        return any(reads_setting(v, key) for v in spec.values())
    if isinstance(spec, list):
        return any(reads_setting(v, key) for v in spec)
    return False
