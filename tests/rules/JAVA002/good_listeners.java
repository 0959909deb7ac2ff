public class AuditListener {
    private static final Logger log = LoggerFactory.getLogger(AuditListener.class);

    @PostUpdate
    public void afterUpdate(Encounter encounter) {
        // the hardened twin: the key, not the entity
        log.info("encounter updated: {}", encounter.getId());
    }

    @PostPersist
    void afterSave(Invoice invoice) {
        log.info("invoice saved: {}", invoice);
    }

    // not a listener: an `encounter` outside a callback is judged by its name
    void other(Encounter encounter) {
        log.info("other {}", encounter);
    }
}

@Entity
class Invoice {
    @PreUpdate
    void touch() {
        log.debug("updating {}", this);
    }
}
