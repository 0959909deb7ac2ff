"""The identifier types the PHI detectors know, and what evidence a finding may show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PhiType:
    id: str
    label: str  # shown in messages
    keep_last: int = 0  # trailing characters a finding may show (masked display practice)


_ALL = (
    PhiType("us_ssn", "US Social Security number", 4),
    PhiType("us_mbi", "Medicare Beneficiary Identifier"),
    PhiType("us_npi", "National Provider Identifier", 4),
    PhiType("us_dea", "DEA registration number", 2),
    PhiType("mrn", "medical record number"),
    PhiType("health_plan_id", "health plan member or policy id"),
    PhiType("us_phone", "US phone number", 2),
    PhiType("zip_plus4", "ZIP+4 code of a patient"),
    PhiType("in_aadhaar", "Aadhaar number", 4),
    PhiType("in_abha_number", "ABHA number", 4),
    PhiType("in_abha_address", "ABHA address"),
    PhiType("in_mobile", "Indian mobile number", 2),
    PhiType("in_pan", "PAN of a patient"),
    PhiType("uk_nhs", "NHS number"),
    PhiType("iban", "IBAN of a patient", 4),
    PhiType("eu_phone", "European phone number", 2),
    PhiType("email", "e-mail address"),
    PhiType("dob", "date of birth"),
    PhiType("person_name", "patient or person name"),
    PhiType("street_address", "street address"),
    PhiType("ip_address", "IP address tied to a patient"),
    PhiType("credit_card", "payment card number", 4),
    PhiType("diagnosis_code", "diagnosis code tied to a patient"),
    PhiType("clinical_field", "clinical detail tied to a patient"),
    PhiType("fhir_clinical", "FHIR clinical resource about a patient"),
    PhiType("phi_in_url", "patient identifier in a URL query string"),
)

TYPES: dict[str, PhiType] = {t.id: t for t in _ALL}
