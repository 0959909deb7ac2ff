// Synthetic code: the hardened twin of good_set_members.java; a health plan's members are people.
public class EligibilityCheck {
    private static final Logger logger = LoggerFactory.getLogger(EligibilityCheck.class);

    void check(List<PlanMember> members, Member member, GroupMember groupMember) {
        // expect: JAVA002
        logger.info("eligible: {}", members.stream().map(PlanMember::getMemberId).collect(Collectors.toList()));
        // expect: JAVA002
        logger.debug("checking member {}", member.getMemberId());
        // expect: JAVA002
        LOGGER.warn("group member {} lapsed", groupMember.getMemberId());
    }
}
