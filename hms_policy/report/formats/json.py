"""`--format json`: the report, schema v1, keys sorted."""

from __future__ import annotations

from typing import Any, TextIO

from hms_policy.model import Report


def render(report: Report, **_: Any) -> str:
    return report.to_json()


def write(report: Report, out: TextIO, **_: Any) -> None:
    """What `render` returns, written finding by finding."""
    report.write_json(out)
