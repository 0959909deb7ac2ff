// Synthetic code; every value is fake.
public class AdmissionService {
    private static final Logger log = LoggerFactory.getLogger(AdmissionService.class);

    void admit(Patient patient) {
        // expect: JAVA002
        log.info("Admitting {} born {}", patient.getFullName(), patient.getDateOfBirth());
        // expect: JAVA002
        LOGGER.debug("ssn=" + patient.getSsn());
        String msg = "MRN " + patient.getMrn();
        // expect: JAVA002
        log.warn(msg);
        // expect: JAVA002
        System.err.println(patient);
        if (aadhaarNumber == null) {
            // expect: JAVA002
            throw new IllegalArgumentException("bad aadhaar " + aadhaarNumber);
        }
    }
}
