"""US Social Security numbers in logs and data files (rule LOG001).

Kept as its own detector id for rules that name it; the work is done by the shared PHI
pass (`hms_policy.detectors.phi`), which validates the SSA rules, weighs context and
bounds the findings per file.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.detectors.phi import identifiers
from hms_policy.model import Match
from hms_policy.targets.document import Document


def ssn_in_log(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    yield from identifiers(doc, {**params, "types": ["us_ssn"]})
