"""Plain-text and JSON logs, and any other text: line by line, the PHI detector's prefilter
first (most lines hold nothing and cost one regex search), then its analysis on the rest."""

from __future__ import annotations

from typing import Iterable, Iterator

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.text import deidentify_text, worth_analysing


def deidentify_lines(lines: Iterable[str], engine: Engine, errors: list[str]) -> Iterator[str]:
    for line in lines:
        if not worth_analysing(line, digits=False):
            yield line
            continue
        body = line.rstrip("\r\n")
        yield deidentify_text(body, engine) + line[len(body) :]
