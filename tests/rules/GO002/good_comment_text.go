package fhir

// Licensed under the disclaimer at http://openmrs.ehr-project.org/license.
const notice = "docs at http://fhir.ehr-project.org/guide" // see http://fhir.ehr-project.org/docs
