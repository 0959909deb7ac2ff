public class RegistrationAudit {
    private static final Logger log = LoggerFactory.getLogger(RegistrationAudit.class);

    void register(Patient patient, PatientIdentifier patientIdentifier, Coverage coverage, String beneficiaryId) {
        // opaque keys, types and counts of identifiers are not the identifiers
        log.info("registered patient {}", patient.getUuid());
        log.info("identifier type {}", patientIdentifier.getIdentifierType());
        log.info("identifier row {}", patientIdentifier.getPatientIdentifierId());
        log.info("{} members on policy", coverage.getMemberCount());
        log.info("searching project beneficiary by id {}", beneficiaryId);  // a record's key
        log.info("MRN, ABHA number and Aadhaar were verified for the patient");
        // the hardened twin: masked first
        log.info("abha {}", Masking.mask(patient.getAbhaNumber()));
    }
}
