"""The closed set of output formats: name -> "module:function" rendering a Report to text.

Every format renders from the `Report` alone, never from engine internals.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, TextIO

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

# Formats that can also be written piece by piece to a stream ("module:function"), so memory
# does not grow with the report's text; the text is the same as `render`'s.
STREAMED: dict[str, str] = {
    "json": "hms_policy.report.formats.json:write",
    "sarif": "hms_policy.report.formats.sarif:write",
}

Renderer = Callable[..., str]


def renderer(name: str) -> Renderer:
    module, _, function = FORMATS[name].partition(":")
    loaded: Renderer = getattr(importlib.import_module(module), function)
    return loaded


def render(report: Report, name: str, **options: Any) -> str:
    return renderer(name)(report, **options)


def write(report: Report, name: str, out: TextIO, **options: Any) -> None:
    """Write the report in format `name` to `out`: streamed where the format allows it."""
    if name in STREAMED:
        module, _, function = STREAMED[name].partition(":")
        getattr(importlib.import_module(module), function)(report, out, **options)
    else:
        out.write(render(report, name, **options))
