"""Share equal values among the findings a scan collects, so memory grows less with their count.

Findings come back from worker processes (or the cache) as fresh objects: every finding of
a rule carries its own copy of the same message, controls and `extra`, though a scan with
many findings mostly repeats a few of them. Each field is only ever replaced by an *equal*
value, so nothing anyone can observe changes; fingerprints and snippets, which are mostly
distinct, are left alone rather than kept in a table.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from hms_policy.model import Finding

_SHARED_STRINGS = ("rule_id", "rule_name", "path", "message")


class Compactor:
    """Remembers one instance of each value seen, for the lifetime of one scan."""

    __slots__ = ("_strings", "_tuples", "_extras")

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._extras: dict[str, Mapping[str, Any]] = {}

    def findings(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.finding(finding)

    def finding(self, finding: Finding) -> None:
        # A frozen dataclass: `object.__setattr__` swaps a field for an equal, shared value.
        for name in _SHARED_STRINGS:
            value = getattr(finding, name)
            if type(value) is str:
                object.__setattr__(finding, name, self._strings.setdefault(value, value))
        if type(finding.controls) is tuple:
            object.__setattr__(finding, "controls", self._tuples.setdefault(finding.controls, finding.controls))
        if finding.extra:
            # repr is a safe key: extras are JSON-able, and equal reprs mean equal keys, order and values.
            key = repr(finding.extra)
            object.__setattr__(finding, "extra", self._extras.setdefault(key, finding.extra))
