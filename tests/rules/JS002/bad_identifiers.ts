// Patient identifiers written to a log.
export function link(patient: any, coverage: any, req: any) {
  // expect: JS002
  logger.info(`linked ${patient.identifier[0].value}`);
  // expect: JS002
  console.log("abha", req.body.abhaNumber);
  // expect: JS002
  logger.debug(`member ${coverage.memberNo} policy ${coverage.policyNumber}`);
  // expect: JS002
  logger.info("aadhaar", user.aadhaar_number);
}
