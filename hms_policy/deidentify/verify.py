"""Verification: the PHI detector re-scans what was written. A hit whose text is one of the
run's own substitutes (recognised by its keyed fingerprint) is not a leak; anything else of a
type the policy does not keep is an identifier left behind. Counts only, never values."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.policy import CLINICAL
from hms_policy.detectors.phi.scanner import scan_document
from hms_policy.detectors.phi.types import TYPES
from hms_policy.targets.document import Document, SourceFile
from hms_policy.targets.kinds import classify

IDENTIFIER_TYPES = frozenset(TYPES) - set(CLINICAL)


def document(path: Path, display: str) -> Document:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    kind = classify(display, head)
    return Document(SourceFile(display, kind, path.stat().st_size, "", None, path))


def leftovers(path: Path, display: str, engine: Engine | None) -> Counter[str]:
    """Identifiers the detector finds in `path` that this run did not produce (with no
    engine: every identifier it finds, as the CI check counts them)."""
    doc = document(path, display)
    result = scan_document(doc, 10**6 if engine is not None else 20, 0.0)
    left: Counter[str] = Counter()
    if engine is None:
        for type_id, total in result.totals.items():
            if type_id in IDENTIFIER_TYPES and total:
                left[type_id] += total
        return left
    wanted: dict[int, list[tuple[int, int, str]]] = {}
    for type_id, kept in result.kept.items():
        if type_id not in IDENTIFIER_TYPES or engine.policy.strategy(type_id) == "keep":
            continue
        for item in kept:
            for r in item.redactions:
                if r.label == type_id:
                    wanted.setdefault(r.line, []).append((r.start, r.end, type_id))
    if not wanted:
        return left
    for number, text in doc.iter_lines():
        for start, end, type_id in wanted.get(number, ()):
            if not engine.is_produced(text[start:end]):
                left[type_id] += 1
    return left
