"""Finding identity: stable across unrelated edits, so never built from a line number.

    sha256("hms-fp/v1" NUL rule_id NUL path NUL identity NUL occurrence [NUL binding])[:32]

`identity` is the entity (a resource address, a Kubernetes object) plus the detector's key
when there is one; otherwise the *redacted* snippet with whitespace squeezed, so a secret's
or an identifier's value never feeds a hash that could be brute-forced. `occurrence` counts
identical identities within one file, in line order.
"""

from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(r"\s+")


def identity(entity: str | None, key: str | None, redacted_snippet: str) -> str:
    if entity or key:
        return f"{entity or ''}|{key or ''}"
    return _SPACE.sub(" ", redacted_snippet).strip()


def fingerprint(rule_id: str, path: str, ident: str, occurrence: int, binding: str = "") -> str:
    parts = ["hms-fp/v1", rule_id, path, ident, str(occurrence)]
    if binding:
        parts.append(binding)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]
