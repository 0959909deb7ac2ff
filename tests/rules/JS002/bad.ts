// Synthetic code; every value is fake.
import pino from "pino";
const logger = pino();

export function admit(patient: Patient, req: Request): void {
  // expect: JS002
  console.log(`Admitting ${patient.firstName} ${patient.lastName}, DOB ${patient.dateOfBirth}`);
  // expect: JS002
  logger.info({ ssn: patient.ssn, id: patient.id }, "admitted");
  const msg = "MRN " + patient.mrn
  // expect: JS002
  logger.warn(msg);
  // expect: JS002
  req.log.error({ err: new Error("x") }, "failed for %s", patient.email);
  // expect: JS002
  this.logger.debug(JSON.stringify(patient));
  if (!patient.abhaNumber) {
    // expect: JS002
    throw new Error(`no ABHA for aadhaar ${patient.aadhaar}`);
  }
  // expect: JS002
  winston.info("claim", { memberId: patient["insuranceMemberId"], diagnosis: dx });
}
// A field of the value is still the value.
// expect: JS002
logger.error('unparsed patient phone', phone.number);
// A patient's address from a record stays PHI.
const address = patient.address;
// expect: JS002
console.log("moving patient to", address);
// The text joined before a patient's contact names the patient.
function parsePatientEmail(email: string) {
  // expect: JS002
  throw new Error("Invalid patient email: " + email);
}
// An organisation word beside a person word: still the person's contact.
// expect: JS002
console.warn("clinic patient phone: " + phone);

// A patient's contact stays reported next to an operator's.
function registered(ctx: Context, patient: Patient) {
  // expect: JS002
  logger.info(`Patient ${patient.email} registered by ${ctx.authenticated.email}`)
}
