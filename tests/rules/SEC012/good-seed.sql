-- Synthetic seed rows: a stored password digest and a download checksum.
INSERT INTO `users` VALUES (1, 'admin', '5167085dca5ba907adf9d78b1907a92ef5798330', 1, 'Administrator');
INSERT INTO `external_dataloads` VALUES
('CODES', 'VENDOR', '2031-10-01', 'code-descriptions.zip', '8301f04c87f822624bfb37b09eb98558');
