class FhirClientConfig {
    static final String BASE = "https://fhir.stmarys-hospital.org/baseR4";
    static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";
}
