// expect: JS003
const FHIR_BASE = "http://fhir.stmarys-hospital.org/baseR4";
// expect: JS003
const res = await fetch(`http://ehr.hospital.org/api/Patient/${id}`);
// expect: JS003
const hl7 = { url: "http://hl7-gateway.hospital.org:6661/inbound" };
// expect: JS003
axios.get("http://10.20.0.15:8080/fhir/Observation?patient=" + id);
// A comparison elsewhere on the line does not make the request's URL a name.
// expect: JS003
const target = mode === "legacy" ? "http://fhir.stmarys-hospital.org/baseR4/Patient" : base;
// A client's settings: the `url` it calls, with no paging relation beside it.
// expect: JS003
const ehrClient = { name: "ehr", url: "http://fhir.stmarys-hospital.org/baseR4/Condition" };
