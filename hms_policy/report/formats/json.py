"""`--format json`: the report, schema v1, keys sorted."""

from __future__ import annotations

from typing import Any

from hms_policy.model import Report


def render(report: Report, **_: Any) -> str:
    return report.to_json()
