"""JAVA002/JS002: a name or a contact alone is reported at medium (whose it is is unknown: a
staff user's, a vendor's, a patient's); patient-specific fields and whole patient records keep
the rule's gate-failing severity."""

from __future__ import annotations

from pathlib import Path

from hms_policy.api import scan


def _severities(tmp_path: Path, name: str, code: str) -> dict[int, str]:
    (tmp_path / name).write_text(code)
    report = scan([tmp_path], cache=False, jobs=1)
    return {f.line: str(f.severity) for f in report.findings if f.rule_id in ("JS002", "JAVA002")}


def test_contact_alone_is_medium_patient_fields_stay_high(tmp_path: Path) -> None:
    code = (
        "function reset(email, patient) {\n"
        "  logger.info(`password reset requested for ${email}`)\n"
        "  logger.info(`admitted ${patient.firstName} born ${patient.birthDate}`)\n"
        "  console.log('registered', patient)\n"
        "}\n"
    )
    found = _severities(tmp_path, "service.js", code)
    assert found == {2: "medium", 3: "high", 4: "high"}
