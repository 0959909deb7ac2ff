"""How one line is judged: labels, vetoes, masks, structure (hms_policy.detectors.phi.line)."""

from __future__ import annotations

import pytest

from hms_policy.detectors.phi.keys import role_of
from hms_policy.detectors.phi.line import LineContext, analyse
from hms_policy.detectors.phi.structured import hl7_fields


def types(text: str, **ctx: object) -> dict[str, float]:
    out: dict[str, float] = {}
    for hit in analyse(text, LineContext(**ctx)):  # type: ignore[arg-type]
        out[hit.type] = max(out.get(hit.type, 0.0), hit.confidence)
    return out


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("INFO 512-34-8891 queued", {"us_ssn": 0.5}),  # a bare value: counted, at the bottom
        ("INFO patient 4411 512-34-8891", {"us_ssn": 0.75}),  # a patient on the line
        ("INFO ssn=512-34-8891", {"us_ssn": 0.95}),  # labelled
        ("INFO ssn=512348891", {"us_ssn": 0.9}),  # undashed needs the label
        ("INFO 512348891 queued", {}),
        ("INFO order=512-34-8891", {}),  # a negative key vetoes
        ("INFO phone=512-34-8891", {}),  # a label naming another type vetoes
        ("INFO ssn_last4=8891 ssn_hash=ab12", {}),
        ('INFO {"aadhaar":"2341 2341 2346"}', {"in_aadhaar": 0.95}),
        ("INFO aadhaar=XXXX-XXXX-2346", {}),
        ("INFO aadhaar=2341 2341 2347", {}),  # Verhoeff fails
        ("INFO 234123412346", {}),  # plain 12 digits need the label
        ("INFO pan=4539148803436467", {"credit_card": 0.9}),  # a card's primary account number
        ("INFO patient pan=ABCPE1234F", {"in_pan": 0.9}),
        ("INFO pan=ABCPE1234F", {}),  # a PAN counts only for a patient
        ("INFO vendor iban=GB82WEST12345698765432", {}),
        ("INFO patient refund GB82WEST12345698765432", {"iban": 0.8}),
        ("INFO callback (555) 555-0143", {}),  # reserved for fiction
        ("INFO mail from noreply@clinicnet.org", {}),
        ("INFO dob=1970-01-01", {}),  # a sentinel, not a birth date
        ("INFO dob=1975-04-12", {"dob": 0.9}),
        ("INFO dob_updated_at=2026-11-02", {}),
        ('INFO name="Cardiology Ward" patient_capacity=24', {}),
        ('INFO patient name="Maria Lopez"', {"person_name": 0.7}),
        ('INFO service name="Maria Lopez"', {}),  # a bare `name` counts only for a patient
        ("INFO stats icd10=E11.9 count=4", {}),
        ("INFO patient_id=4411 icd10=E11.9", {"diagnosis_code": 0.85}),
        ("INFO user alice from 81.2.69.160", {}),
        ("INFO user=maria.lopez@gmail.com from 81.2.69.160", {"email": 0.6, "ip_address": 0.6}),
        ("INFO patient_ip=10.0.0.8 patient_id=4411", {}),  # private range
    ],
)
def test_line(line: str, expected: dict[str, float]) -> None:
    assert types(line) == expected


def test_config_files_want_a_patient_for_contact_details() -> None:
    assert types("support_email: alice.w@hospital.org", config=True) == {}
    assert types("patient_email: alice.w@hospital.org", config=True) == {"email": 0.85}


@pytest.mark.parametrize(
    ("key", "role"),
    [("ssn", "us_ssn"), ("patientSSN", "us_ssn"), ("date_of_birth", "dob"), ("birthDate", "dob"),
     ("insured_dob", "dob"), ("MRN", "mrn"), ("memberId", "health_plan_id"), ("aadhaar_no", "in_aadhaar"),
     ("healthIdNumber", "in_abha_number"), ("nhs_number", "uk_nhs"), ("first_name", "person_name"),
     ("ip_address", "negative"), ("username", "negative"), ("ssn_masked", "negative"), ("order_id", "negative"),
     ("patient_id", "patient"), ("color", None)],
)
def test_key_roles(key: str, role: str | None) -> None:
    assert role_of(key) == role


def test_hl7_fields_are_labelled_by_position() -> None:
    pid = "PID|1||00917263^^^HOSP^MR||RAO^MEERA||19880314|F|||14 Nehru Marg^^Jaipur||(415)867-2309||||||255-18-1419"
    fields, identified = hl7_fields(pid)
    assert identified
    assert {f.key: (f.role, f.value) for f in fields} == {
        "PID3": ("mrn", "00917263"), "PID5": ("person_name", "RAO MEERA"), "PID7": ("dob", "19880314"),
        "PID11": ("street_address", "14 Nehru Marg Jaipur"), "PID13": ("phone", "(415)867-2309"),
        "PID19": ("us_ssn", "255-18-1419"),
    }


def test_fhir_name_text_but_not_other_text() -> None:
    from hms_policy.detectors.phi.scanner import _LogReader

    line = ('{"resourceType":"Patient","name":[{"use":"official","text":"Peter Chalmers"}],'
            '"maritalStatus":{"text":"Never Married"}}')
    found = [line[h.start : h.end] for h in analyse(line, _LogReader(False)(line)) if h.type == "person_name"]
    assert found == ["Peter Chalmers"]


def test_patient_context_needs_whole_short_words() -> None:
    from hms_policy.detectors.phi.line import patient_context

    for line in ("ward=4B", "bed 3 WARD 7", "dob: x", "MRN 1", "admit reason"):
        assert patient_context(line, line.lower()), line
    for line in ('"X-Forwarded-For: 1.2.3.4"', "reward points", "adobe reader", "toward"):
        assert not patient_context(line, line.lower()), line
