public class SearchValidation {
    static final String CODING_MEDICARE_BENEFICIARY_ID_UNHASHED = "https://bluebutton.cms.gov/identifier/mbi";

    void validate(RequestDetails requestDetails) {
        // constants name a system or a field; they hold nobody's value
        if (requestDetails.getRequestType() != RequestTypeEnum.POST) {
            throw new InvalidRequestException(
                String.format("Search query by '%s' is only supported in POST request",
                    TransformerConstants.CODING_MEDICARE_BENEFICIARY_ID_UNHASHED));
        }
        log.warn("lookup by {} refused", CODING_MEDICARE_BENEFICIARY_ID_UNHASHED);
    }
}
