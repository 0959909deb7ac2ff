"""The detector registry: built-ins plus entry-point plugins, built once per scan and passed
down explicitly (no module-level mutable state)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from hms_policy.errors import ConfigError
from hms_policy.model import Match

Detector = Callable[[Any, Mapping[str, Any]], Iterable[Match]]
_OWN_DISTRIBUTION = "hms-policy"


class DetectorUnavailable(Exception):
    """Raised by a detector that cannot run here (a missing tool, an unreachable database):
    the rule is then not evaluated for this document, and the reason lands in `errors`."""


@dataclass(frozen=True, slots=True)
class Verdicts:
    """What a detector may return instead of an iterable of matches, to say what it covered:
    `judged` things it decided definitely (compliant or not) and `unresolved` ones it could not
    decide. A detector returning Verdicts with nothing judged leaves its rule not evaluated on
    the document, as a condition rule with no applicable node does; a plain iterable of
    matches always counts as evaluated."""

    matches: tuple[Match, ...] = ()
    judged: int = 0
    unresolved: int = 0


@dataclass(slots=True)
class DetectorRegistry:
    specs: dict[str, str | Detector]
    _loaded: dict[str, Detector] = field(default_factory=dict)

    def ids(self) -> Iterable[str]:
        return self.specs.keys()

    def get(self, detector_id: str) -> Detector:
        if detector_id not in self._loaded:
            spec = self.specs[detector_id]
            if isinstance(spec, str):
                module, _, name = spec.partition(":")
                spec = getattr(importlib.import_module(module), name)
            self._loaded[detector_id] = spec  # type: ignore[assignment]
        return self._loaded[detector_id]

    def __getstate__(self) -> dict[str, Any]:
        # Workers import detectors again by name; loaded modules are not shipped.
        return {"specs": self.specs}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.specs = state["specs"]
        self._loaded = {}


def load_registry(include_plugins: bool = True) -> DetectorRegistry:
    from hms_policy.detectors import builtin_detectors

    specs: dict[str, str | Detector] = dict(builtin_detectors())
    if include_plugins:
        for name, provided in _plugin_tables():
            for detector_id, spec in provided.items():
                if detector_id in specs:
                    raise ConfigError(f"detector plugin {name!r} redefines detector {detector_id!r}")
                specs[detector_id] = spec
    return DetectorRegistry(specs)


def _plugin_tables() -> Iterable[tuple[str, Mapping[str, str | Detector]]]:
    from hms_policy._plugins import plugin_entry_points  # cheap when no plugin is installed

    for ep in plugin_entry_points("hms_policy.detectors"):
        if ep.dist is not None and ep.dist.name == _OWN_DISTRIBUTION:
            continue
        try:
            table = ep.load()()
        except Exception as exc:  # a broken plugin is a configuration problem, named
            raise ConfigError(f"detector plugin {ep.name!r} failed to load: {exc}") from None
        yield ep.name, table
