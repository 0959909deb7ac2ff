-- expect: META001
-- hms-policy: ignore
SELECT 1;
