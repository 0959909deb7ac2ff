"""hms-policy: a policy-as-code compliance scanner for health software.

    >>> import hms_policy
    >>> report = hms_policy.scan(["examples/hms-demo"], policies=["hipaa"])
    >>> report.summary.result
    'fail'

Importing this package stays light: parsers, adapters and formats load when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "scan", "sign", "verify", "Report", "Finding", "Severity", "Category"]

if TYPE_CHECKING:
    from hms_policy.api import scan
    from hms_policy.model import Category, Finding, Report, Severity


def __getattr__(name: str) -> Any:
    if name == "scan":
        from hms_policy.api import scan

        return scan
    if name in ("sign", "verify"):
        from hms_policy import attest

        return getattr(attest, name)
    if name in ("Report", "Finding", "Severity", "Category"):
        from hms_policy import model

        return getattr(model, name)
    raise AttributeError(f"module 'hms_policy' has no attribute {name!r}")
