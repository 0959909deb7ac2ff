// Synthetic code: a terminology server logs the ids of reference-set entries, not of people.
public class ReferenceSetUpgrade {
    private static final Logger logger = LoggerFactory.getLogger(ReferenceSetUpgrade.class);

    void inactivate(List<ReferenceSetMember> toInactivate, ReferenceSetMember existing) {
        logger.info("{} members to inactivate: {}", toInactivate.size(),
                toInactivate.stream().map(ReferenceSetMember::getMemberId).collect(Collectors.toList()));
        logger.debug("No change to copy for member {}", existing.getMemberId());
    }

    void check(ValueSetMember valueSetMember) {
        LOGGER.warn("No constraint found in member {}.", valueSetMember.getMemberId());
    }
}
