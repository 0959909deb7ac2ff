public class GroupResource {
    private static final Logger logger = LoggerFactory.getLogger(GroupResource.class);

    public void export(List<Patient> roster) {
        int totalPatients = roster.size();
        long numPatients = roster.stream().filter(Patient::isActive).count();
        // how many, not who
        logger.info("Exporting {} patients ({} active)", totalPatients, numPatients);
    }

    public void coverage(String contract, List<Beneficiary> rows) {
        int missingCurrentMbi = (int) rows.stream().filter(b -> b.getCurrentMbi() == null).count();
        // how many had none, not which
        logger.info("Contract {}: {} beneficiaries without a current MBI", contract, missingCurrentMbi);
    }
}
