"""Synthetic code; every value here is fake."""
import logging
import sys
import warnings

import structlog

logger = logging.getLogger(__name__)
log = structlog.get_logger()


def admit(patient, ssn):
    # expect: PY001
    logger.info(f"admitting {patient['patient_name']}")
    # expect: PY001
    logger.warning("ssn %s", ssn)
    # expect: PY001
    print("dob=" + patient.date_of_birth)


def transfer(patient: "Patient", ward):
    s = patient.ssn
    msg = "moving " + s
    note = "{} to {}".format(msg, ward)
    # expect: PY001
    logger.info(note)
    # expect: PY001
    logger.info("transfer", extra={"mrn": patient.mrn, "ward": ward})
    # expect: PY001
    log.info("transfer", phone=patient.phone_number)


def discharge(record):
    summary = "Discharged: %s (%s)" % (record["diagnosis"], record["icd10_code"])
    if record.get("urgent"):
        summary += " URGENT"
    # expect: PY001
    sys.stderr.write(summary)


def lookup(abha_number, aadhaar):
    if not abha_number:
        # expect: PY001
        raise ValueError(f"no ABHA record for {abha_number}")
    # expect: PY001
    warnings.warn("aadhaar mismatch: " + aadhaar)


def load(patient_id):
    patient = Patient.objects.get(id=patient_id)
    # expect: PY001
    logger.debug("loaded %r", patient)
    for p in Patient.objects.filter(ward=3):
        # expect: PY001
        logger.info("bed for %s", p.name)
    parts = []
    parts.append(patient.email)
    # expect: PY001
    print(", ".join(parts))


class Service:
    def __init__(self):
        self.logger = logging.getLogger("svc")

    def notify(self, member_id):
        # expect: PY001
        self.logger.error("claim rejected for member %s", member_id)


def save_pointer_verbose(nhs_number, document_id):
    pointer = DocumentPointer(nhs_number=nhs_number, document_id=document_id)
    # the hardened twin of good_container_keys.py: the whole container is logged
    # expect: PY001
    logger.info("saved pointer %s", pointer)
