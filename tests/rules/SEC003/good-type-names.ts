// Classes named with an acronym that starts like an Artifactory token: names, not tokens.
export class APFPatientData {
  let data: APFPatientVisitModel = new APFPatientVisitModel();
}
