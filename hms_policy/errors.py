"""Exceptions hms-policy raises on purpose. The CLI maps every one of them to exit code 2,
except `SignatureError`, which `verify` reports as "not verified" (exit 1)."""

from __future__ import annotations


class HmsPolicyError(Exception):
    """Base class: a problem the user can fix, reported as one line."""


class UsageError(HmsPolicyError):
    """Bad command-line arguments or API arguments (a path that does not exist, ...)."""


class ConfigError(HmsPolicyError):
    """An invalid `[tool.hms-policy]` table, `.hms-policy.yaml` or environment setting."""


class RuleError(HmsPolicyError):
    """A malformed rule or policy-pack file; the message names the file, rule and field."""


class SignatureError(HmsPolicyError):
    """A signed report that does not verify; the message says why."""
