class FhirClientConfig {
    // expect: JAVA003
    static final String BASE = "http://fhir.stmarys-hospital.org/baseR4";
}
