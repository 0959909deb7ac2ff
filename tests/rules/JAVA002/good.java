public class AdmissionService {
    private static final Logger log = LoggerFactory.getLogger(AdmissionService.class);

    void admit(Patient patient, boolean ssnVerified) {
        System.out.println("patient " + patient.getId());
        log.info("masked {}", Masking.maskSsn(patient.getSsn()));
        log.info("ssn present: {}", patient.getSsn().isEmpty());
        log.info("ssn verified: {}", ssnVerified);
        log.info("SSN missing from the intake form");
        // log.info(patient.getSsn()) is commented out
        if (patient.getSsn() == null) {
            throw new IllegalStateException("missing ssn for patient " + patient.getId());
        }
    }
}
