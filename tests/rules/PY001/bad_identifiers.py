"""Patient identifiers written to a log."""
import logging

logger = logging.getLogger(__name__)


def link(patient, request, coverage):
    # expect: PY001
    logger.info("linked %s", patient.identifier)
    # expect: PY001
    logger.info("abha %s", request.data["abha_number"])
    # expect: PY001
    logger.info(f"member {coverage.member_no} policy {coverage.policy_number}")
    # expect: PY001
    logger.warning("uhid %s", patient.uhid)
