FHIR_BASE = "https://fhir.stmarys-hospital.org/baseR4"
LOCAL_FHIR = "http://127.0.0.1:8080/fhir"
TEST_FHIR = "http://fhir.test/baseR4"
SSN_SYSTEM = {"system": "http://hl7.org/fhir/sid/us-ssn"}
SNOMED = "http://snomed.info/sct"
HOMEPAGE = "http://www.hospital.org/"
