"""PHI and PII in logs and data files: validated identifiers, context, structure.

One detector, `hms.phi.identifiers`, serves every PHI rule; a rule picks its identifier
types with `params.types`. The file is read once for all of them (`scanner.scan_document`,
memoised on the document) and each rule takes its types from that pass.

Reporting is bounded: per file and type, the first `max_per_file` lines (default 20) become
findings, and the last of them carries `extra.total_in_file`, the count of every line with
that type in the file. Evidence is the type, the value's length and, where the type's
masked display allows it, its last characters; never the value.

Modules: validators (checksums), types, keys (field names as evidence), fields (key/value
extraction), formats (patterns and confidences), line (one line's analysis), structured
(HL7, FHIR, CSV, SQL), prefilter (the block search), scanner (the file pass).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

DEFAULT_MAX_PER_FILE = 20


def identifiers(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Findings for the identifier types in `params["types"]`.

    params: types (list of type ids, see types.TYPES), max_per_file (int, default 20),
    min_confidence (float; the engine passes the scan's --min-confidence here, so the cap
    counts only lines that pass it).
    """
    from hms_policy.detectors.phi.scanner import scan_document
    from hms_policy.detectors.phi.types import TYPES

    cap = max(1, int(params.get("max_per_file", DEFAULT_MAX_PER_FILE)))
    floor = float(params.get("min_confidence") or 0.0)
    result = doc.memo(f"phi:{cap}:{floor}", lambda: scan_document(doc, cap, floor))
    for type_id in params.get("types", ()):
        kept = result.kept.get(type_id, [])
        total = result.totals.get(type_id, 0)
        phi_type = TYPES[type_id]
        for index, item in enumerate(kept):
            last = index == len(kept) - 1
            more = f"; {len(kept)} of {total} lines with one in this file reported" if last and total > len(kept) else ""
            extra: dict[str, Any] = {"phi_type": type_id}
            if last:
                extra["total_in_file"] = total
            yield Match(
                LineSpan.at(item.line),
                redactions=item.redactions,
                context={"type": phi_type.label, "length": str(item.length), "more": more},
                key=f"{type_id}:{item.field}",
                confidence=item.confidence,
                extra=extra,
            )
