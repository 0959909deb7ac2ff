"""Client for the records service.

The API is described at http://fhir.ehr-project.org/docs (licence: http://openmrs.ehr-project.org/license).
"""

NOTICE = "see http://fhir.ehr-project.org/guide for details"
