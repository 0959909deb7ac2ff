"""A directive that covers no finding of the rule it names."""

# expect: META002
TIMEOUT = 30  # hms-policy: ignore[META002] reason="nothing on this line to silence"

# expect: META002
# hms-policy: ignore-next-line[META002] reason="left behind after a refactor"
RETRIES = 3
