// Synthetic code; every value is fake. Values derived from a patient record stay patient data.
public class LegacyImporter {
    private static final Logger log = LoggerFactory.getLogger(LegacyImporter.class);

    void importRow(Patient patient, BahmniPatient bahmniPatient) {
        PatientRequest request = buildPatientRequest(patient);
        String json = mapper.writeValueAsString(request);
        // expect: JAVA002
        log.debug(json);
        // expect: JAVA002
        log.info(String.format("created %s", request.getIdentifier()));
        // expect: JAVA002
        log.warn("duplicate {}", bahmniPatient.getIdentifier());
        // expect: JAVA002
        log.info("ssn {}", patient.getSsn().trim());
        // expect: JAVA002
        log.info("health id {}", patient.getHealthId());
        // expect: JAVA002
        log.info("born {}", patient.getPerson().getBirthdate());
    }
}
