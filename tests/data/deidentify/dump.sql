CREATE TABLE patients (
  id int,
  name varchar(80),
  ssn varchar(11),
  dob date,
  notes text
);
INSERT INTO patients VALUES (1,'Tamsin O\'Quill','512-34-8891','1984-03-12','O\'Quill said: it''s fine'),(2,'Meera Rao','219-44-1234','1931-05-12','ok');
INSERT INTO `visits` (`patient_mrn`,`admit_date`,`discharge_date`) VALUES ('MRN-004512','2024-01-05','2024-01-09');
COPY public.person (person_id, given_name, family_name, birthdate, phone) FROM stdin;
1	Meera	Rao	1984-03-12	+91 98450 12345
\.
