-- a person table: names with a phone are a patient's record
INSERT INTO patient (patient_id, first_name, last_name, phone) VALUES
-- expect: PHI008
  (41, 'Meenakshi', 'Raghavan', '+91 98450 12345'),
-- expect: PHI008
  (42, 'Tomasz', 'Wierzbicki', '+48 601 234 567');
