// Patient identifiers (MRN, ABHA, Aadhaar, insurance ids) written to a log: judged by the
// logged expression, not by the words of the message.
public class RegistrationService {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    void register(Patient patient, PatientIdentifier patientIdentifier, Coverage coverage, String abhaNumber) {
        // expect: JAVA002
        log.info("registered {}", patient.getIdentifierFirstRep().getValue());
        // expect: JAVA002
        log.debug("identifier {}", patientIdentifier.getIdentifier());
        // expect: JAVA002
        log.info("linking {}", abhaNumber);
        // expect: JAVA002
        log.warn("coverage {} / {}", coverage.getPolicyNumber(), coverage.getMemberNo());
        // expect: JAVA002
        log.info("uhid " + visit.getUhid());
    }
}
