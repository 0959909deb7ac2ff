INSERT INTO patient (patient_id, first_name, last_name, birth_date) VALUES
-- expect: PHI007
  (41, 'Meenakshi', 'Raghavan', '1961-03-14');
