public class GroupResource {
    private static final Logger logger = LoggerFactory.getLogger(GroupResource.class);

    public void export(List<Patient> roster) {
        List<Patient> activePatients = roster.stream().filter(Patient::isActive).collect(toList());
        // expect: JAVA002
        logger.info("Exporting {}", activePatients);
    }
}
