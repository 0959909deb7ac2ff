/*
 This Source Code Form is subject to the terms of a public licence. The health records
 project is distributed under the disclaimer located at http://records.ehr-project.org/license.
 */
// Synthetic code: URLs in prose are not addresses a client calls.
public class LicenceNotice {
    /** Docs: see http://fhir.ehr-project.org/docs for the API. */
    static final String NOTICE = "Licensed; see http://openmrs.ehr-project.org/license for terms";

    void log() {
        logger.info("Documentation at http://fhir.ehr-project.org/guide");
    }
}
