"""A rule as one scan runs it: parameters bound, controls and severity decided.

Its own module because the runner and the steps that post-process its findings (engine/
bindings.py) both need it, and neither should import the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from hms_policy.model import Rule, Severity


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule as it runs in this scan: parameters bound, controls and severity decided."""

    rule: Rule
    match: Mapping[str, Any]
    controls: tuple[str, ...]
    severity: Severity
    binding: str = ""  # the pack whose parameters this copy runs with, if any
