# Synthetic code; every value is fake. Row keys and flags named after a patient-data term.
import logging

logger = logging.getLogger(__name__)


def sync(person):
    logger.info("address row %s", person.address_id)
    logger.info("phone row %s", person.phone_uuid)
    logger.info("birthdate estimated: %s", person.birthdate_estimated)
