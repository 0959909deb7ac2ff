package fhir

// expect: GO002
const baseURL = "http://fhir.stmarys-hospital.org/baseR4"
