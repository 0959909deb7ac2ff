// Synthetic code; every value is fake. Hard negatives: ids, statuses and conditions.
export function match(patient: Patient, person: Person): void {
  const precision = person.birthdateEstimated ? "estimated" : "exact";
  console.log("birthdate precision", precision);
  console.log("address row", person.getAddressId(), person.addressUuid);
  console.log("patient", patient.getUuid(), patient.uuid);
  const result = diagnoseNoMatch(patient);
  console.log("decision", result.status, result.getReason());
}
