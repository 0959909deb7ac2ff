import logging

logger = logging.getLogger(__name__)


def link(patient, coverage, mask):
    logger.info("linked patient %s", patient.id)
    logger.info("identifier type %s", patient.identifier_type)
    logger.info("members %d", coverage.member_count)
    logger.info("ABHA number and Aadhaar verified")
    # the hardened twin: masked first
    logger.info("abha %s", mask(patient.abha_number))
