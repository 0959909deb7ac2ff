"""The signing boundary: DSSE envelopes around in-toto statements around JSON reports.

    envelope = hms_policy.sign(report, "ci.key")             # a dict; json.dump it
    verified = hms_policy.verify(envelope, "ci.pub", root=".")  # raises SignatureError

This package knows bytes and keys; it reads a report only through its dict form
(`Report.findings_document()` and each `Finding.to_dict()`, see payload.py).
`cryptography` is imported when a function runs, never at import time.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

    from hms_policy.attest.dsse import Signed
    from hms_policy.attest.keys import KeySource
    from hms_policy.attest.verifier import Verified
    from hms_policy.model import Report

__all__ = ["sign", "verify"]


def sign(report: Report | Mapping[str, Any], key: KeySource | Ed25519PrivateKey) -> dict[str, Any]:
    """A DSSE envelope (payloadType application/vnd.in-toto+json) whose payload is an
    in-toto Statement v1 with the report as predicate. `key` is an Ed25519 private key,
    PEM text or bytes, or the path of a PEM file."""
    return signed_report(report, key).envelope()


def signed_report(report: Report | Mapping[str, Any], key: KeySource | Ed25519PrivateKey) -> Signed:
    """`sign()` before the envelope is built: write it with `dsse.write`, which encodes the
    payload as it goes (the CLI's way, so a large report is not held twice)."""
    from hms_policy.attest import dsse
    from hms_policy.attest.keys import load_private_key
    from hms_policy.attest.payload import signed_payload
    from hms_policy.attest.statement import build_statement
    from hms_policy.attest.verifier import check_consistent, check_report_schema
    from hms_policy.model import Report

    private = load_private_key(key)
    if isinstance(report, Report):  # checked and encoded finding by finding, held once
        return signed_payload(report, private)
    data = report.to_dict() if hasattr(report, "to_dict") else dict(report)
    check_report_schema(data)  # never sign what verify would reject
    check_consistent(data)
    return dsse.signed(build_statement(data), private)


def verify(
    envelope: bytes | str | os.PathLike[str] | Mapping[str, Any],
    public_key: KeySource | Ed25519PublicKey,
    root: str | os.PathLike[str] | None = None,
) -> Verified:
    """Check a signed report; with `root`, also recompute the tree digest there.
    `envelope` is JSON bytes or text, a parsed dict, or a file's path (`Path` or any
    `os.PathLike`). Returns the verified report; raises `SignatureError` saying why it
    did not verify."""
    from hms_policy.attest.verifier import verify_envelope

    return verify_envelope(envelope, public_key, root=root)
