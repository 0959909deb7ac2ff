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
