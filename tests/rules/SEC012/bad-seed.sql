-- A random key in a seed row whose name says it is a key is still found.
-- expect: SEC012
INSERT INTO `settings` VALUES ('sms_api_key', '8301f04c87f822624bfb37b09eb98558');
