INSERT INTO hospital (code, name, address, city, phone) VALUES ('GEN', 'General Hospital', 'PO Box 85', 'Nebbi', '+256 472 621076');
