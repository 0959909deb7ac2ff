"""The closed set of output formats: name -> "module:function" rendering a Report to text.

Every format renders from the `Report` alone, never from engine internals.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from hms_policy.model import Report

FORMATS: dict[str, str] = {
    "text": "hms_policy.report.formats.text:render",
    "json": "hms_policy.report.formats.json:render",
    "sarif": "hms_policy.report.formats.sarif:render",
    "junit": "hms_policy.report.formats.junit:render",
    "markdown": "hms_policy.report.formats.markdown:render",
    "html": "hms_policy.report.formats.html:render",
    "cyclonedx": "hms_policy.report.formats.cyclonedx:render",
}

Renderer = Callable[..., str]


def renderer(name: str) -> Renderer:
    module, _, function = FORMATS[name].partition(":")
    loaded: Renderer = getattr(importlib.import_module(module), function)
    return loaded


def render(report: Report, name: str, **options: Any) -> str:
    return renderer(name)(report, **options)
