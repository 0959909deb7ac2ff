"""Value tests the deployment-descriptor detectors share."""

from __future__ import annotations

import re

from hms_policy.detectors.iac.infra_values import secret_like_name

# Values that describe or point at a credential rather than being one: booleans, small
# numbers, durations in seconds, file paths, ARNs, secret-store references, plain URLs.
_NOT_CREDENTIAL = re.compile(
    r"^(?:true|false|yes|no|on|off|\d{1,5}|(?:/|\./|~/)[\w./-]*|arn:[\w-]+:[\w-]+:.*|ssm:.*|vault:.*|https?://[^@\s]*)$", re.I
)
# Settings about a credential rather than the credential (`TOKEN_AUDIENCE`, `DB_SECRET_ARN`);
# infra_values.secret_like_name already leaves out `*_FILE`, `*_NAME`, `*_LENGTH` and the like.
_IDENTIFIER_NAME = re.compile(r"(?:^|_|-)(?:arns?|audience|issuer|scopes?|region|description|alias|account|days|hours|seconds|interval)$", re.I)


def credential_name(name: str) -> bool:
    return secret_like_name(name) and not _IDENTIFIER_NAME.search(name)


def describes_credential(value: str) -> bool:
    """True when the value is no credential itself (a flag, a number, a path, an ARN)."""
    return bool(_NOT_CREDENTIAL.match(value.strip()))
