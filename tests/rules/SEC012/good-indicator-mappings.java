// Indicator mappings to DHIS2 data elements and category option combos, and cohort names.
class AdxMappings {
    static Map<String, String> mappings() {
        Map<String, String> map = new HashMap<>();
        map.put("ENROL_HTS_TST_POS_unknown", "cakCs9wAFh1-nJevmP4V2K0");
        map.put("CONTACT_ALL_unknown", "Vp8uPZ4E1Mh-HllvX50cXC0");
        return map;
    }

    void cohort(CohortDefinition cd) {
        cd.setName("vlResultsMoreThan1000WithSTFAndRepeatVlMonth24");
    }
}
