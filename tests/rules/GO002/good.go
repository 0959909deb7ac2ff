package fhir

const baseURL = "https://fhir.stmarys-hospital.org/baseR4"
const localURL = "http://localhost:8080/fhir"
