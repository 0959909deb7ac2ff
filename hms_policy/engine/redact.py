"""Masking happens here, before a Finding exists: snippets carry spans' masks, not values.

A masked value shows neither its length nor its characters, except the few trailing
characters a type may show (`keep_last`, e.g. the last four digits of an SSN).
"""

from __future__ import annotations

from typing import Iterable, Sequence

from hms_policy.model import Redaction

MASK = "********"
MAX_SNIPPET_LINES = 3
MAX_SNIPPET_CHARS = 200
REDACTED_LINE = "[line redacted]"


def mask_value(value: str, keep_last: int = 0) -> str:
    if keep_last and len(value) > 2 * keep_last:
        return MASK + value[-keep_last:]
    return MASK


def redact_line(text: str, redactions: Iterable[Redaction]) -> str:
    """`text` with every redaction's character range masked (ranges may overlap)."""
    ranges = sorted((max(0, r.start), min(len(text), r.end), r.keep_last) for r in redactions)
    merged: list[list[int]] = []
    for start, end, keep in ranges:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = 0  # overlapping masks show nothing
        else:
            merged.append([start, end, keep])
    out, cursor = [], 0
    for start, end, keep in merged:
        out.append(text[cursor:start])
        out.append(mask_value(text[start:end], keep))
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def build_snippet(lines: Sequence[tuple[int, str]], redactions: Sequence[Redaction], mode: str | None) -> str:
    """The redacted snippet for numbered source lines.

    mode "line" hides the lines entirely; "spans" masks the redactions and, when a secret
    or PHI rule gave no span for a line, hides that line (fail closed)."""
    out = []
    for number, text in lines[:MAX_SNIPPET_LINES]:
        on_line = [r for r in redactions if r.line == number]
        if mode == "line" or (mode == "spans" and not on_line and not redactions):
            out.append(REDACTED_LINE)
            continue
        masked = redact_line(text, on_line)
        out.append(_shorten(masked.strip()))
    return "\n".join(out)


def _shorten(text: str) -> str:
    if len(text) <= MAX_SNIPPET_CHARS:
        return text
    return text[: MAX_SNIPPET_CHARS - 3] + "..."
