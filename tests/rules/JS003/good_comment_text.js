/* Licensed under the terms at http://openmrs.ehr-project.org/license */
const client = makeClient(); // docs: http://fhir.ehr-project.org/guide
console.log("FHIR guide at http://fhir.ehr-project.org/guide");
