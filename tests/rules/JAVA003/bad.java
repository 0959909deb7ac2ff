class FhirClientConfig {
    // expect: JAVA003
    static final String BASE = "http://fhir.stmarys-hospital.org/baseR4";
}

// A base URL is a server to call, whatever else the class names.
class PatientClient {
    // expect: JAVA003
    private static final String PATIENT_API_BASE_URL = "http://ehr.st-marys-hospital.org/fhir/Patient";
}

// A request builder's url() is the address that is called.
class ObservationFetcher {
    Request build() {
        // expect: JAVA003
        return new Request.Builder().url("http://openmrs.clinic-project.org/ws/fhir2/R4/Observation").build();
    }
}
