INSERT INTO hospital (code, name, address, city, phone, email) VALUES ('GEN', 'General Hospital', 'PO Box 85', 'Nebbi', '+256 0472621076', 'contact@general-hospital.org');
INSERT INTO ward (code, name, phone, email) VALUES ('OPD', 'OPD', '234/52544', 'opd@general-hospital.org');
