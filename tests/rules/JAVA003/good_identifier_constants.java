package org.example.fhir;

// Bases of FHIR code system and extension identifiers: names built from them are never fetched.
public final class FhirNames {
    public static final String HOSPITAL_FHIR_PREFIX = "http://fhir.example-hospital.org";
    public static final String PATIENT_CODE_SYSTEM_URI = "http://fhir.example-hospital.org/patient-flags";
    public static final String CLINICAL_NAMESPACE = "http://clinical.example-hospital.org/ns";
    public static final String HOSPITAL_EXTENSION_NS = "http://ehr.example-hospital.org/ext";
}
