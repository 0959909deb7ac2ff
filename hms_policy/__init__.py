"""hms-policy: a policy-as-code compliance scanner for health software.

    >>> import hms_policy
    >>> report = hms_policy.scan("examples/hms-demo", policies="hipaa")
    >>> report.summary.result
    'fail'

Paths may be given one at a time (a `str` or `os.PathLike`) or as a sequence, and
severities as a `Severity` or its name. Every error raised on purpose derives from
`HmsPolicyError`; the message is one line meant for the user.

Importing this package stays light: parsers, adapters and formats load when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hms_policy.errors import ConfigError, HmsPolicyError, RuleError, SignatureError, UsageError

__version__ = "0.1.0"
__all__ = [
    "__version__",
    "scan",
    "render",
    "FORMATS",
    "sign",
    "verify",
    "Report",
    "Finding",
    "Severity",
    "Category",
    "FileRole",
    "Summary",
    "ControlResult",
    "TargetInfo",
    "PolicyRef",
    "RuleInfo",
    "ScanError",
    "Suppression",
    "Verified",
    "HmsPolicyError",
    "UsageError",
    "ConfigError",
    "RuleError",
    "SignatureError",
]

if TYPE_CHECKING:
    from hms_policy.api import scan
    from hms_policy.attest import sign, verify
    from hms_policy.attest.verifier import Verified
    from hms_policy.model import (
        Category,
        ControlResult,
        FileRole,
        Finding,
        PolicyRef,
        Report,
        RuleInfo,
        ScanError,
        Severity,
        Summary,
        Suppression,
        TargetInfo,
    )

_MODEL = frozenset({"Report", "Finding", "Severity", "Category", "FileRole", "Summary", "ControlResult", "TargetInfo", "PolicyRef", "RuleInfo", "ScanError", "Suppression"})


def render(report: Report, fmt: str = "json", **options: Any) -> str:
    """The report in one output format, as the CLI writes it: "json", "sarif", "junit",
    "markdown", "html" or "text" (`hms_policy.FORMATS`; `Report.to(fmt)` is the same).
    Text takes `color`, `controls`, `hint` and `quiet`; every format takes `signature`,
    a line saying how the report was signed. Raises `UsageError` for an unknown format."""
    from hms_policy.report.formats import FORMATS as known, render as render_format

    if fmt not in known:
        raise UsageError(f"unknown format {fmt!r} (expected one of: {', '.join(sorted(known))})")
    return render_format(report, fmt, **options)


def __getattr__(name: str) -> Any:
    # lazy: `import hms_policy` must not pay for the engine, parsers or cryptography
    if name == "scan":
        from hms_policy.api import scan

        return scan
    if name in ("sign", "verify"):
        from hms_policy import attest

        return getattr(attest, name)
    if name == "Verified":
        from hms_policy.attest.verifier import Verified

        return Verified
    if name == "FORMATS":
        from hms_policy.report.formats import FORMATS

        return tuple(sorted(FORMATS))
    if name in _MODEL:
        from hms_policy import model

        return getattr(model, name)
    raise AttributeError(f"module 'hms_policy' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
