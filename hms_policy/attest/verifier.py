"""Verify a signed report: envelope, signature, statement, report schema, and optionally
the tree it claims to describe.

Order matters (sigstore's lesson): the signature is checked on the payload bytes exactly
as received, and only then is anything parsed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from hms_policy.errors import SignatureError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from hms_policy.attest.keys import KeySource
    from hms_policy.model import Finding, Report


@dataclass(frozen=True, slots=True)
class Verified:
    """What `hms_policy.verify` returns: a signed report whose signature, statement,
    schema and self-consistency checked out.

    report: the report (the statement's predicate) as a dict, exactly as signed
    keyid: hex sha256 of the raw public key that verified the signature
    payload: the exact signed in-toto statement bytes
    tree_checked: True when `root` was given and the tree digest was recomputed there
    """

    report: dict[str, Any]
    keyid: str
    payload: bytes
    tree_checked: bool = False

    def to_report(self) -> Report:
        from hms_policy.report.load import report_from_dict

        return report_from_dict(self.report)


def verify_envelope(
    envelope: bytes | str | os.PathLike[str] | Mapping[str, Any],
    public_key: KeySource | Ed25519PublicKey,
    *,
    root: str | os.PathLike[str] | None = None,
) -> Verified:
    """`envelope` is the envelope's JSON (bytes or text), a parsed dict, or the path of its
    file as a `Path` or other `os.PathLike` (a `str` is JSON text). Only JSON text or a
    file gets duplicate keys refused: a dict has already lost them."""
    from hms_policy.attest.dsse import open_envelope
    from hms_policy.attest.keys import load_public_key
    from hms_policy.attest.statement import parse_statement
    from hms_policy.errors import UsageError

    key = load_public_key(public_key)
    if isinstance(envelope, os.PathLike):
        source = Path(envelope)
        try:
            envelope = source.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    opened = open_envelope(envelope, key)
    report = parse_statement(opened.payload)
    check_report_schema(report)
    check_consistent(report)
    if root is not None:
        check_tree(report, Path(root))
    return Verified(report, opened.keyid, opened.payload, root is not None)


def check_report_schema(report: Mapping[str, Any]) -> None:
    from hms_policy.catalog.rules import schema_errors

    refuse_schema_problems(schema_errors(dict(report), "report.v1"))


def refuse_schema_problems(problems: list[str]) -> None:
    """The one refusal for a report outside schema v1, whether it was checked whole (verify)
    or finding by finding while its payload was encoded (signing a Report, attest/payload.py)."""
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SignatureError(f"the signed report does not match the report schema v1: {problems[0]}{more}")


def check_consistent(report: Mapping[str, Any], findings: tuple[Finding, ...] | None = None) -> None:
    """A signed report must agree with itself: its summary, gate result, control counts
    and (when merged) combined digest are recomputed from its own content. `findings`: the
    Report's own, when `report` is its dict without them (signing a Report)."""
    from hms_policy.report.consistency import contradictions

    problems = contradictions(report, findings)
    if report.get("targets"):
        problems.extend(_merged_digest_problems(report))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SignatureError(f"the signed report contradicts itself: {problems[0]}{more}")


def _merged_digest_problems(report: Mapping[str, Any]) -> list[str]:
    from hms_policy.attest.statement import report_targets
    from hms_policy.attest.tree import combined_digest

    targets = report_targets(report)
    if combined_digest(str(t.get("digest", "")) for t in targets[1:]) != targets[0].get("digest"):
        return ["the merged target.digest does not combine the shard digests in targets[]"]
    return []


def check_tree(report: Mapping[str, Any], root: Path) -> None:
    """Recompute every target's tree digest under `root` and compare."""
    from hms_policy.attest.statement import report_targets
    from hms_policy.attest.tree import tree_digest

    if not root.is_dir():
        raise SignatureError(f"--root {root} is not a directory")
    targets = report_targets(report)
    shards = targets[1:] if report.get("targets") else targets  # the merged digest: check_consistent
    for target in shards:
        selection = target.get("selection")
        if not isinstance(selection, Mapping):
            raise SignatureError("the report does not record how its files were selected (target.selection); cannot recompute the tree digest")
        actual = tree_digest(root, selection)
        expected = str(target.get("digest", ""))
        if actual != expected:
            label = f" (target {target.get('name')!r})" if len(shards) > 1 else ""
            raise SignatureError(
                f"tree digest of {root} is {actual[:23]}..., the report was made for {expected[:23]}...{label}: "
                "another tree, or files changed since the scan"
            )
