const FHIR_BASE = "https://fhir.stmarys-hospital.org/baseR4";
const LOCAL = "http://localhost:8080/fhir";
const DEV = "http://fhir.dev.local/baseR4";
const DOCS = "http://example.org/fhir/Patient/1";
const code = { system: "http://hl7.org/fhir/sid/us-ssn", value: "x" };
const loinc = { system: "http://loinc.org", code: "8867-4" };
const news = "http://news.hospital.org/articles";
// http://fhir.stmarys-hospital.org/baseR4 used to be the address
const term = "http://terminology.hl7.org/CodeSystem/v2-0203";
