"""engine/compact.py shares equal values among findings and changes nothing a report shows."""

from __future__ import annotations

import copy
import pickle

from hms_policy.engine.compact import Compactor
from hms_policy.model import Category, Finding, Severity


def _finding(number: int) -> Finding:
    return Finding(
        fingerprint=f"{number:032x}", rule_id="LOG001", rule_name="ssn-in-log", category=Category.PHI_EXPOSURE,
        severity=Severity.HIGH, path=f"logs/app{number % 2}.log", line=number, end_line=number,
        message="US Social Security number in clear text (11 characters)", snippet=f"ssn=****{number:04d}",
        controls=("hipaa:164.312(b)", "gdpr:art9"), extra={"phi_type": "us_ssn", "n": number % 2},
    )


def test_equal_values_are_shared_and_reports_unchanged() -> None:
    # Through pickle, as findings come back from workers: every value is its own copy.
    findings = [pickle.loads(pickle.dumps(_finding(n))) for n in range(6)]
    before = [f.to_dict() for f in findings]
    compactor = Compactor()
    compactor.findings(findings)
    assert [f.to_dict() for f in findings] == before
    assert findings == [_finding(n) for n in range(6)]
    assert len({id(f.message) for f in findings}) == 1
    assert len({id(f.controls) for f in findings}) == 1
    assert len({id(f.extra) for f in findings}) == 2  # two distinct extras
    assert len({id(f.path) for f in findings}) == 2
    assert len({id(f.fingerprint) for f in findings}) == 6  # mostly distinct: left alone


def test_unhashable_or_odd_values_are_left_alone() -> None:
    odd = copy.copy(_finding(1))
    object.__setattr__(odd, "controls", ["hipaa:164.312(b)"])  # a list from some plug-in
    Compactor().finding(odd)
    assert odd.controls == ["hipaa:164.312(b)"]
