import logging

logger = logging.getLogger(__name__)


def mask(value):
    return "***" + value[-2:]


def admit(patient, ssn):
    logger.info("admitting patient id=%s", patient["id"])
    logger.info("ssn %s", mask(ssn))
    logger.info("mrn %s", redact_mrn(patient["mrn"]))
    results = {"ssn": ssn}  # not a log call
    return results


def redact_mrn(value):
    return "MRN-****"
