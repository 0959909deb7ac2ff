public class EncounterDiagnosesElement {
    // the form's configuration names concept sets of diagnoses: catalogue metadata, not a patient's
    public List<Concept> diagnosisSets(String diagnosisSetIds) {
        for (String id : diagnosisSetIds.split(",")) {
            if (Context.getConceptService().getConcept(id) == null) {
                throw new IllegalArgumentException("Cannot find diagnosis set for value '" + id
                        + "' in diagnosisSets attribute value. Parameters: " + diagnosisSetIds);
            }
        }
        return List.of();
    }
}
