"""Verification: the PHI detector re-scans what was written. A hit whose text is one of the
run's own substitutes (recognised by its keyed fingerprint) is not a leak; anything else of a
type the policy does not keep is an identifier left behind. Counts only, never values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.policy import CLINICAL
from hms_policy.detectors.phi.line import LineContext, analyse
from hms_policy.detectors.phi.scanner import (
    LONG_LINE_WINDOW,
    REPORT_FLOOR,
    prefilter,
    reader_for,
    scan_document,
)
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
    left: Counter[str] = Counter()
    if engine is None:
        result = scan_document(doc, 20, 0.0)
        for type_id, total in result.totals.items():
            if type_id in IDENTIFIER_TYPES and total:
                left[type_id] += total
        return left
    watched = {t for t in IDENTIFIER_TYPES if engine.policy.strategy(t) != "keep"}

    def check(text: str, ctx: LineContext | None) -> None:
        if ctx is None:
            return
        for hit in analyse(text, ctx):
            if hit.type in watched and hit.confidence >= REPORT_FLOOR and not engine.is_produced(text[hit.start : hit.end]):
                left[hit.type] += 1

    _each_line(doc, check)
    return left


def _each_line(doc: Document, check: Callable[[str, LineContext | None], None]) -> None:
    """The detector's own pass (`scanner.scan_document`: its readers, its prefilter), with each
    line's hits judged at once instead of kept: memory stays flat however large the output."""
    reader = reader_for(doc)
    pattern = prefilter()
    for block in doc.iter_blocks():
        data = block.data
        if block.partial:  # a piece of a very long line: windows around the prefilter's hits
            done = -1
            for m in pattern.finditer(data):
                if m.start() >= done:
                    lo, hi = max(0, m.start() - LONG_LINE_WINDOW), min(len(data), m.end() + LONG_LINE_WINDOW)
                    text = data[lo:hi].decode("utf-8", "replace")
                    check(text, LineContext(log=True))
                    done = hi - 256
            continue
        if reader.full:
            for raw in data.split(b"\n"):
                text = raw.decode("utf-8", "replace").rstrip("\r")
                ctx = reader(text)
                if ctx is not None and (ctx.extra_fields or ctx.person or pattern.search(raw)):
                    check(text, ctx)
            continue
        found = pattern.search(data)
        while found is not None:
            start = data.rfind(b"\n", 0, found.start()) + 1
            end = data.find(b"\n", found.start())
            end = len(data) if end < 0 else end
            text = data[start:end].decode("utf-8", "replace").rstrip("\r")
            check(text, reader(text))
            found = pattern.search(data, end) if end < len(data) else None
