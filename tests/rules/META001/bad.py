"""Directives that suppress nothing: each is a META001 finding."""

# expect: META001
# hms-policy: ignore reason="legacy module, fix later"
API_URL = "https://example.test"

# expect: META001
TIMEOUT = 30  # hms-policy: ignore[SEC100]

# expect: META001
RETRIES = 3  # hms-policy: ignore[SEC100] reason=""

# expect: META001
# hms-policy: ignore-next-line[SEC100] reason="rotated" until=next-quarter
BACKOFF = 2

# expect: META001
# hms-policy: ignore[] reason="empty list of ids"
DEBUG = False

# expect: META001
# hms-policy: ignore[private-key-committed] reason="names the rule by name, not id"
VERBOSE = False
