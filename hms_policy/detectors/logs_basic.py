"""US Social Security numbers written into logs and data files."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document

_SSN = re.compile(r"(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])")
_CONTEXT = re.compile(r"ssn|social.?security|patient|member|dob|mrn", re.I)
_SAMPLES = {"123456789", "078051120", "219099999", "457555462"}


def valid_ssn(area: str, group: str, serial: str) -> bool:
    """SSA rules: no area 000, 666 or 900-999, no group 00, no serial 0000, no known samples."""
    digits = area + group + serial
    if area in ("000", "666") or area.startswith("9") or group == "00" or serial == "0000":
        return False
    return digits not in _SAMPLES and len(set(digits)) > 1


def ssn_in_log(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    for number, text in doc.iter_lines():
        if "-" not in text:
            continue
        for found in _SSN.finditer(text):
            if not valid_ssn(*found.groups()):
                continue
            if not _CONTEXT.search(text):
                continue  # an order id or a date-like number with no patient context
            confidence = 0.9
            redaction = Redaction(number, found.start(), found.end(), "ssn", keep_last=4)
            yield Match(LineSpan.at(number), redactions=(redaction,), confidence=confidence, key="ssn", context={"type": "SSN"})
            break  # one finding per line and identifier type
