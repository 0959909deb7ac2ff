// Synthetic code; every value is fake. Hard negatives: what is logged is an id, a status
// or metadata, even when a patient-data word sits in the text or in the chain's root.
public class EncounterMatcher {
    private static final Logger logger = LoggerFactory.getLogger(EncounterMatcher.class);

    Diagnosis find(Obs initialDiagnosisObs, Patient patient, Person person) {
        String precision = person.isBirthdateEstimated() ? "estimated" : "exact";
        logger.info("birthdate precision: {}", precision);
        logger.info("birthdate precision: {}", person.getBirthdatePrecision());
        logger.debug("address row {}", person.getAddressId());
        logger.debug("address row {}", person.getPersonAddressUuid());
        logger.debug("patient {}", patient.getUuid());
        Encounter candidate = findMostRecent(patient);
        logger.debug("evaluating encounter {}", candidate.getUuid());
        MatchResult diagResult = diagnoseNoMatch(patient, candidate);
        logger.info("match decision: {} - {}", diagResult.getStatus(), diagResult.getReason());
        VisitType visitType = visitService.getVisitTypeByUuid(patient.getUuid());
        if (visitType == null) {
            throw new ApiException("Cannot find visit type with UUID " + visitType);
        }
        throw new AssertionError(String.format("Initial diagnosis not found for: %s", initialDiagnosisObs.getUuid()));
    }
}
