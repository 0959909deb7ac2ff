INSERT INTO patient (patient_id, first_name, last_name, phone) VALUES
-- expect: PHI010
  (41, 'Meenakshi', 'Raghavan', '+91 98450 12345');
