public class GroupResource {
    private static final Logger logger = LoggerFactory.getLogger(GroupResource.class);

    public void export(List<Patient> roster) {
        int totalPatients = roster.size();
        long numPatients = roster.stream().filter(Patient::isActive).count();
        // how many, not who
        logger.info("Exporting {} patients ({} active)", totalPatients, numPatients);
    }
}
