// Synthetic code; every value is fake.
export function register(patient: Patient): void {
  const body = JSON.stringify(toRequest(patient));
  // expect: JS002
  console.log("request", body);
  // expect: JS002
  console.log("ssn", patient.ssn.trim());
  // expect: JS002
  console.log("city", patient.address.city);
}

// A mapping callback's result is the call's value: the phone numbers are logged.
export function listPhones(patients: Patient[]): void {
  const phones = patients.map((p) => p.phone);
  // expect: JS002
  logger.info(`phones ${phones}`);
}
