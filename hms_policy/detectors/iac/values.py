"""Value tests the deployment-descriptor detectors share."""

from __future__ import annotations

import re

from hms_policy.detectors.infra_values import secret_like_name

# Values that describe or point at a credential rather than being one: booleans, small
# numbers, durations in seconds, file paths, ARNs and secret-store references.
_NOT_CREDENTIAL = re.compile(r"^(?:true|false|yes|no|on|off|\d{1,5}|(?:/|\./|~/)[\w./-]*|arn:[\w-]+:[\w-]+:.*|ssm:.*|vault:.*)$", re.I)
_IDENTIFIER_NAME = re.compile(r"(?:^|_|-)arns?$", re.I)


def credential_name(name: str) -> bool:
    return secret_like_name(name) and not _IDENTIFIER_NAME.search(name)


def describes_credential(value: str) -> bool:
    """True when the value is no credential itself (a flag, a number, a path, an ARN)."""
    return bool(_NOT_CREDENTIAL.match(value.strip()))
