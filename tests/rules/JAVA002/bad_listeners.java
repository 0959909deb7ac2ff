// JPA entity listeners of patient-bearing entities log the entity being written.
public class EncounterAuditListener {
    private static final Logger log = LoggerFactory.getLogger(EncounterAuditListener.class);

    @PostUpdate
    public void afterUpdate(Encounter encounter) {
        // expect: JAVA002
        log.info("encounter updated: {}", encounter);
    }

    @PrePersist
    void beforeSave(Object source, PatientVisit visit) throws AuditException {
        // expect: JAVA002
        log.debug("saving " + visit);
    }
}

@Entity
class Admission {
    @PostPersist
    void saved() {
        // expect: JAVA002
        log.info("admission saved {}", this);
    }
}
