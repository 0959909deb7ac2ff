"""Masking happens here, before a Finding exists: snippets carry spans' masks, not values.

A masked value shows neither its length nor its characters, except the few trailing
characters a type may show (`keep_last`, e.g. the last four digits of an SSN).
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from hms_policy.model import Redaction

MASK = "********"
MAX_SNIPPET_LINES = 3
MAX_SNIPPET_CHARS = 200
MAX_SCANNED_CHARS = 1000  # of a line, for a snippet: masks shrink text, so more than is shown
REDACTED_LINE = "[line redacted]"
# A mask always covers the whole token it touches: a detector that reports only a token's
# prefix (`ghp`) or its head must not leave the body in clear.
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.~")


def mask_value(value: str, keep_last: int = 0) -> str:
    if keep_last and len(value) > 2 * keep_last:
        return MASK + value[-keep_last:]
    return MASK


def redact_line(text: str, redactions: Iterable[Redaction]) -> str:
    """`text` with every redaction's character range masked (ranges may overlap)."""
    ranges = sorted(_whole_token(text, max(0, r.start), min(len(text), r.end)) + (r.keep_last,) for r in redactions)
    merged: list[list[int]] = []
    for start, end, keep in ranges:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][2] = _merged_keep(merged[-1], start, end, keep)
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, keep])
    out, cursor = [], 0
    for start, end, keep in merged:
        out.append(text[cursor:start])
        out.append(mask_value(text[start:end], keep))
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _merged_keep(current: list[int], start: int, end: int, keep: int) -> int:
    """Masks of one value by several rules keep the tail its type allows (the rule that knows
    the type sets it; the others mask blindly); a mask reaching into a visible tail hides it."""
    if end == current[1]:
        return max(current[2], keep) if start == current[0] else min(current[2], keep)
    if end < current[1]:
        return current[2] if end <= current[1] - current[2] else 0
    return keep if current[1] <= end - keep else 0


def _whole_token(text: str, start: int, end: int) -> tuple[int, int]:
    if end <= start:
        return start, end
    while start > 0 and text[start - 1] in _TOKEN_CHARS:
        start -= 1
    while end < len(text) and text[end] in _TOKEN_CHARS:
        end += 1
    return start, end


Sanitizer = Callable[[int, str], Sequence[Redaction]]


def build_snippet(
    lines: Sequence[tuple[int, str]], redactions: Sequence[Redaction], mode: str | None, sanitize: Sanitizer | None = None
) -> str:
    """The redacted snippet for numbered source lines.

    mode "line" hides the lines entirely; "spans" masks the redactions and, when a secret
    or PHI rule gave no span for a line, hides that line (fail closed). `sanitize` adds the
    spans any detector or risky shape marks on the line, whichever rule the snippet is for."""
    out = []
    for number, text in lines[:MAX_SNIPPET_LINES]:
        on_line = [r for r in redactions if r.line == number]
        if mode == "line" or (mode == "spans" and not on_line and not redactions):
            out.append(REDACTED_LINE)
            continue
        text, cut = _bounded(text)
        if sanitize is not None:
            on_line.extend(sanitize(number, text))
        masked = redact_line(text, on_line).strip()
        out.append(_shorten(masked + "..." if cut else masked))
    return "\n".join(out)


def _bounded(text: str) -> tuple[str, bool]:
    """The part of a line a snippet can show, ending between tokens: the sanitiser's patterns
    then never run on a 200 KB line, and no token is shown cut in half (and so unrecognised)."""
    limit = len(text) - len(text.lstrip()) + MAX_SCANNED_CHARS
    if len(text) <= limit:
        return text, False
    end = limit
    while end > 0 and text[end - 1] in _TOKEN_CHARS:
        end -= 1
    return text[:end], True


def _shorten(text: str) -> str:
    if len(text) <= MAX_SNIPPET_CHARS:
        return text
    return text[: MAX_SNIPPET_CHARS - 3] + "..."
