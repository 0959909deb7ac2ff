-- lookups by name are queries, not records
SELECT visit_attribute_type_id FROM visit_attribute_type WHERE name = 'Admission Status';
UPDATE scheduler_task_config SET start_on_startup = 0 WHERE name = 'Patient Feed Task';
SELECT pit.patient_identifier_type_id FROM patient_identifier_type pit
  WHERE pit.name = 'National Health Number' AND pit.retired = 0;
-- a concept and a service account are not people
INSERT INTO concept_name (concept_id, name, locale) VALUES (7, 'Malaria Diagnosis', 'en');
INSERT INTO users (username, password, lname, active) VALUES ('portal-gateway', 'NoLogin', 'Portal Gateway Account', 0);
-- invented people: test words, system accounts
INSERT INTO person_name (person_id, given_name, family_name) VALUES (1, 'Horatio', 'Testperson');
INSERT INTO person_name (person_id, given_name, family_name) VALUES (2, 'Super', 'User');
