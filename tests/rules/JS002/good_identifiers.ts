export function link(patient: any, coverage: any) {
  logger.info(`linked patient ${patient.id}`);
  logger.info("identifier system", patient.identifierType);
  logger.debug(`member count ${coverage.memberCount}`);
  logger.info("ABHA number and Aadhaar verified");
  // the hardened twin: masked first
  logger.info("abha", mask(patient.abhaNumber));
}
