"""Patient admission service (demo: deliberately non-compliant)."""

import logging

import requests

logger = logging.getLogger("admissions")
FHIR_BASE = "https://fhir.example-hospital.test/r4"


def mask(value: str) -> str:
    return "***" + value[-2:]


def admit(patient: dict) -> dict:
    ssn = patient["ssn"]
    logger.info(f"admitting patient {patient['patient_name']} ssn={ssn}")
    logger.info("admitted mrn=%s", mask(patient["mrn"]))
    response = requests.post(f"{FHIR_BASE}/Patient", json=patient, timeout=10)
    return response.json()
