import logging

logger = logging.getLogger(__name__)


def admit(patient, ssn):
    # expect: PY001
    logger.info(f"admitting {patient['patient_name']}")
    # expect: PY001
    logger.warning("ssn %s", ssn)
    # expect: PY001
    print("dob=" + patient.date_of_birth)
