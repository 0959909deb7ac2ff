public class SearchLog {
    void search(Patient patient) {
        // the hardened twin of good_constants.java: a variable, not a constant
        // expect: JAVA002
        log.warn("lookup by {} refused", patient.getMedicareBeneficiaryId());
    }
}
