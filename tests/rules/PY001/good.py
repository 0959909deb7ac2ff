"""Hard negatives: nothing here logs patient data."""
import logging

logger = logging.getLogger(__name__)
audit_logger = logging.getLogger("audit")


def mask(value):
    return "***" + value[-2:]


def redact_mrn(value):
    return "MRN-****"


def admit(patient, ssn, ssn_verified: bool):
    logger.info("admitting patient id=%s", patient["id"])
    logger.info("admitting patient %s", patient.id)
    logger.info("ssn %s", mask(ssn))
    logger.info("mrn %s", redact_mrn(patient["mrn"]))
    logger.info("ssn verified: %s", ssn_verified)
    logger.info("has ssn: %s", ssn is not None)
    logger.info("ssn length %d", len(ssn))
    logger.info("SSN missing from the intake form")
    logger.info("field %s is required", "ssn")
    logger.info("last four %s", ssn[-4:])
    results = {"ssn": ssn}  # not a log call
    return results


def masked_flow(patient):
    shown = mask(patient.ssn)
    msg = "ssn " + shown
    logger.info(msg)
    ssn = mask(patient.ssn)
    logger.info("masked %s", ssn)
    digest = hashlib.sha256(patient.mrn.encode()).hexdigest()
    logger.info("mrn digest %s", digest)


def audit(patient, user):
    # The audit trail must record whose chart was opened (164.312(b)).
    audit_logger.info("user %s opened chart of %s", user.id, patient.mrn)


def networking(server_address, ip_address, email_template, from_email):
    logger.info("listening on %s (%s)", server_address, ip_address)
    logger.info("using template %s from %s", email_template, from_email)


def counts(patients):
    logger.info("%d patients on the ward", len(patients))
    logger.info("ids: %s", [p.id for p in patients])


def reassigned(patient):
    msg = f"{patient.ssn}"
    msg = "patient updated"
    logger.info(msg)
