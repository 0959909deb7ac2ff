SELECT pn.given_name, diagnosis.value_coded
FROM visit v
  INNER JOIN obs diagnosis ON v.patient_id = diagnosis.person_id AND diagnosis.voided = 0 AND
      diagnosis.encounter_id = encounter.encounter_id AND
      diagnosis.concept_id IN (SELECT concept_id FROM concept_name WHERE name = 'Coded Diagnosis');
INSERT INTO list_options (list_id, option_id, title, seq, notes) VALUES ('remit_codes', '9', '9', 9, 'The diagnosis is inconsistent with the patient''s age.');
INSERT INTO list_options (list_id, option_id, title, seq, notes) VALUES ('remit_codes', '10', '10', 10, 'The diagnosis is inconsistent with the patient''s gender.');
