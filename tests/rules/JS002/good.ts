import pino from "pino";
const logger = pino({ redact: ["ssn", "patient.dateOfBirth"] });

export function admit(patient: Patient, ssnVerified: boolean): void {
  console.log("patient id", patient.id);
  console.log({ ssn: "***" });
  logger.info("masked", maskSsn(patient.ssn));
  logger.info("has ssn", Boolean(patient.ssn), patient.ssn.length);
  logger.info("valid", isValidSsn(patient.ssn));
  console.log("SSN missing from the intake form");
  logger.info("ssn verified", ssnVerified);
  logger.info(`emailTemplate ${emailTemplate} from ${fromEmail}`);
  const summary = `patients on ward: ${count}`;
  logger.info(summary);
  const ssn = redact(patient.ssn);
  logger.info("ssn", ssn);
  // logger.info(patient.ssn) in a comment is not code
  throw new Error("patient not found: " + patient.id);
}
// A validation or form-control state of a value, not the value.
logger.error('%o', phone.error);
console.warn("invalid contact", email.errors, dob.touched);
// A network object's address is a host, not a person's address.
const address = server.address() as AddressInfo;
console.log(`listening at http://${address.address}:${address.port}`);
// The text joined before the value says it is an organisation's contact, not a patient's.
function parseSupportEmail(email: string) {
  throw new Error("Invalid Support Email: " + email);
}
console.warn("vendor phone rejected: " + phone);

// a FHIR use code (home, work, temp) of an address or telecom, not the address
export function convertAddressUse(addressUse: string): string {
  console.warn(`Unhandled address use '${addressUse}'`);
  return "home";
}
