"""Valid directives, and mentions of directives that are not directives."""

# hms-policy: ignore-next-line[SEC100] reason="documentation sample key, never deployed" until=2030-01-01
SAMPLE = "placeholder"

TIMEOUT = 30  # hms-policy: ignore[SEC100, TF102] reason="shared fixture for two rules"

HELP = "write hms-policy: ignore[RULE] reason=... in a comment"  # a string, not a comment
PATTERN = r"hms-policy:\s*ignore"
