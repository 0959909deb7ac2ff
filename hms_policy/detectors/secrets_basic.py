"""Secrets that need no entropy model: private key blocks."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document

_BEGIN = re.compile(r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----")
_END = re.compile(r"-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----")
_BODY = re.compile(r"^[A-Za-z0-9+/=]{16,}$")


def private_key_block(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """A PEM private key with a body (not just the armour lines a parser or doc mentions)."""
    start: int | None = None
    label = ""
    body_lines: list[tuple[int, int]] = []
    for number, text in doc.iter_lines():
        if start is None:
            found = _BEGIN.search(text)
            if found:
                start, label, body_lines = number, found.group(1), []
            continue
        stripped = text.strip().strip("\"',\\n")
        if _END.search(text):
            if len(body_lines) >= 2 or any(length >= 64 for _, length in body_lines):
                redactions = tuple(Redaction(n, 0, 10_000, "private-key") for n in range(start + 1, number))
                yield Match(LineSpan(start, number), key=label, redactions=redactions, context={"type": label.lower()})
            start = None
        elif _BODY.match(stripped) or stripped.startswith(("Proc-Type", "DEK-Info")):
            body_lines.append((number, len(stripped)))
        elif number - start > 200:
            start = None
