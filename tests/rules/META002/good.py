"""Directives for rules that did not run on this file are never judged unused."""

# hms-policy: ignore-next-line[SEC100] reason="documentation sample key, never deployed"
SAMPLE = "placeholder"

TIMEOUT = 30  # hms-policy: ignore[TF102, K8S001] reason="rules for other file kinds"

# Invalid directives are META001's business, not META002's:
# hms-policy: ignore reason="no ids"
HELP = "hms-policy: ignore[META002] reason=in a string"
