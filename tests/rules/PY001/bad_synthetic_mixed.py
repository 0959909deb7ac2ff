import logging

logger = logging.getLogger(__name__)


def import_row(patient, fake):
    label = fake.word()
    # expect: PY001
    logger.info("row %s for %s", label, patient.last_name)
