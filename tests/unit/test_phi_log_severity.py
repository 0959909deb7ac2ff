"""JAVA002/JS002: a name or a contact alone does not say whose it is (a staff user's, a
vendor's, a patient's). It is reported at medium (in JavaScript only when the call or the
file ties it to a patient);
patient-specific fields and whole patient records keep the rule's gate-failing severity."""

from __future__ import annotations

from pathlib import Path

from hms_policy.api import scan


def _severities(tmp_path: Path, name: str, code: str, rules: tuple[str, ...] = ("JS002", "JAVA002")) -> dict[int, str]:
    (tmp_path / name).write_text(code)
    report = scan([tmp_path], cache=False, jobs=1)
    return {f.line: str(f.severity) for f in report.findings if f.rule_id in rules}


def test_contact_alone_is_medium_patient_fields_stay_high(tmp_path: Path) -> None:
    code = (
        "function reset(email, patient, patientId, operatorEmail) {\n"
        "  logger.info(`password reset requested for ${operatorEmail}`)\n"
        "  logger.info(`admitted ${patient.firstName} born ${patient.birthDate}`)\n"
        "  console.log('registered', patient)\n"
        "  log.child({ patient: patientId, email }).info('summary sent')\n"
        "  logger.warn('bounced patient e-mail: ' + email)\n"
        "  const phone = patient.phone\n"
        "  logger.info(`sms to ${phone}`)\n"
        "}\n"
    )
    found = _severities(tmp_path, "service.js", code)
    assert found == {3: "high", 4: "high", 5: "medium", 6: "medium", 8: "medium"}


def test_contact_alone_in_a_file_about_patients_is_reported(tmp_path: Path) -> None:
    code = "function signIn(email) {\n  logger.info(`portal sign-in for ${email}`)\n}\n"
    for folder in ("patients", "staff"):
        (tmp_path / folder / folder).mkdir(parents=True)
    assert _severities(tmp_path / "patients", "patients/signin.js", code) == {2: "medium"}
    assert _severities(tmp_path / "staff", "staff/signin.js", code) == {}


def test_python_contact_alone_fails_the_gate_only_when_the_sink_names_a_patient(tmp_path: Path) -> None:
    code = (
        "import logging\n"
        "logger = logging.getLogger(__name__)\n"
        "def notify(application, patient):\n"
        "    logger.info('outreach mail to %s', application.user.email)\n"
        "    logger.info('discharge summary to %s', patient.email)\n"
        "    logger.info('admitted %s born %s', patient.first_name, patient.date_of_birth)\n"
    )
    assert _severities(tmp_path, "mail.py", code, ("PY001",)) == {4: "medium", 5: "high", 6: "high"}


def test_a_zip_code_alone_is_part_of_an_address(tmp_path: Path) -> None:
    """A ZIP code logged on its own (a public ZIP-to-county lookup's key as often as anyone's)
    weighs as an address: medium unless the sink names a patient."""
    code = (
        "import logging\n"
        "logger = logging.getLogger(__name__)\n"
        "def enrich(rows, patient):\n"
        "    for row in rows:\n"
        "        zip_code = row['zip']\n"
        "        logger.info('no county for %s', zip_code)\n"
        "    logger.info('patient moved to %s', patient.zip_code)\n"
        "    logger.info('zip %s dob %s', zip_code, patient.date_of_birth)\n"
    )
    assert _severities(tmp_path, "lookup.py", code, ("PY001",)) == {6: "medium", 7: "high", 8: "high"}


def test_console_of_the_users_own_browser_is_medium(tmp_path: Path) -> None:
    component = (
        "import React from 'react'\n"
        "export function Summary({ patient }) {\n"
        "  console.log('loaded', patient.dateOfBirth)\n"
        "  logger.info(`loaded ${patient.dateOfBirth}`)\n"
        "  return null\n"
        "}\n"
    )
    server = component.replace("import React from 'react'\n", "const express = require('express')\n")
    cases = {"react": ("summary.js", component, "medium"), "node": ("summary.js", server, "high"), "tsx": ("summary.tsx", server, "medium")}
    for folder, (name, code, console_severity) in cases.items():
        (tmp_path / folder).mkdir()
        assert _severities(tmp_path / folder, name, code, ("JS002",)) == {3: console_severity, 4: "high"}, folder
