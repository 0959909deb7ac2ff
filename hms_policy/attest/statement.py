"""in-toto Statement v1 around a report (github.com/in-toto/attestation, spec/v1).

    {"_type": "https://in-toto.io/Statement/v1",
     "subject": [{"name": "<tree name>", "digest": {"sha256": "<tree Merkle root>"}},
                 {"name": "git:<tree name>", "digest": {"gitCommit": "<HEAD commit>"}}],
     "predicateType": "https://hms-policy.dev/attestation/report/v1",
     "predicate": <the JSON report, schema v1>}

The first subject is the scanned tree, identified by the report's `target.digest` (the
Merkle root over every discovered file, see hms_policy.targets.merkle). A merged report
adds one subject per shard. The git commit checked out at scan time, when there is one,
is a separate subject with a `gitCommit` digest: it names the commit, while the sha256
covers the files as they were on disk (a working tree may differ from its commit).

The statement is serialised once, canonically; those bytes are what gets signed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Mapping

from hms_policy.errors import SignatureError

if TYPE_CHECKING:
    from hms_policy.report.jsonstream import BytesSink

STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://hms-policy.dev/attestation/report/v1"  # fixed from the first signed report on


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def report_targets(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The report's own target first, then every shard target of a merged report."""
    target = report.get("target")
    out = [target] if isinstance(target, Mapping) else []
    shards = report.get("targets")
    if isinstance(shards, list):
        out.extend(t for t in shards if isinstance(t, Mapping))
    return out


def subjects(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    names: set[str] = set()
    commits: list[tuple[str, str]] = []
    for target in report_targets(report):
        name = _unique(str(target.get("name") or "tree"), names)
        out.append({"name": name, "digest": {"sha256": _hex(str(target.get("digest", "")))}})
        commit = target.get("git_commit")
        if isinstance(commit, str) and commit and commit not in {c for _, c in commits}:
            commits.append((name, commit))
    for name, commit in commits:
        out.append({"name": _unique(f"git:{name}", names), "digest": {"gitCommit": commit}})
    return out


def build_statement(report: Mapping[str, Any], *, predicate_type: str = PREDICATE_TYPE) -> bytes:
    body = {
        "_type": STATEMENT_TYPE,
        "subject": subjects(report),
        "predicateType": predicate_type,
        "predicate": report,
    }
    return canonical_json(body)


def build_statement_streamed(targets: Mapping[str, Any], report: Mapping[str, Any], *, predicate_type: str = PREDICATE_TYPE) -> bytes:
    """`build_statement(report)`, byte for byte, where `report` may hold `jsonstream.Lazy`
    lists (its findings); `targets`: the report's `target` and `targets`, for the subjects."""
    import io

    buffer = io.BytesIO()
    write_statement(targets, report, buffer)
    return buffer.getvalue()


def write_statement(targets: Mapping[str, Any], report: Mapping[str, Any], out: BytesSink, *, predicate_type: str = PREDICATE_TYPE) -> None:
    """Write `build_statement_streamed`'s bytes to `out` as they are encoded (a signer's
    buffer: then the statement is held once, as the signed bytes)."""
    from hms_policy.report.jsonstream import dump_compact

    body = {"_type": STATEMENT_TYPE, "subject": subjects(targets), "predicateType": predicate_type, "predicate": report}
    dump_compact(body, out)


def parse_statement(payload: bytes) -> dict[str, Any]:
    """Parse verified payload bytes and check the statement around the report.

    Returns the predicate (the report as a dict). Raises `SignatureError`.
    """
    from hms_policy.attest import strict_json

    statement = strict_json.loads(payload, "the signed payload")
    if not isinstance(statement, dict):
        raise SignatureError("the signed payload is not a JSON object")
    if statement.get("_type") != STATEMENT_TYPE:
        raise SignatureError(f"statement _type is {statement.get('_type')!r}, expected {STATEMENT_TYPE!r}")
    if statement.get("predicateType") != PREDICATE_TYPE:
        raise SignatureError(f"predicateType is {statement.get('predicateType')!r}, expected {PREDICATE_TYPE!r}")
    report = statement.get("predicate")
    if not isinstance(report, dict):
        raise SignatureError("the statement's predicate is not a JSON object")
    check_subjects(statement.get("subject"), report)
    return report


def check_subjects(subject: Any, report: Mapping[str, Any]) -> None:
    """The subjects must name exactly the report's tree digests and git commits."""
    if not isinstance(subject, list) or not subject:
        raise SignatureError("the statement has no subject")
    claimed_sha: set[str] = set()
    claimed_git: set[str] = set()
    for entry in subject:
        digest = entry.get("digest") if isinstance(entry, Mapping) else None
        if not isinstance(digest, Mapping) or not digest:
            raise SignatureError("a statement subject has no digest")
        if "sha256" in digest:
            claimed_sha.add(str(digest["sha256"]).lower())
        if "gitCommit" in digest:
            claimed_git.add(str(digest["gitCommit"]).lower())
    targets = report_targets(report)
    if not targets:
        raise SignatureError("the report has no target")
    wanted_sha = {_hex(str(t.get("digest", ""))).lower() for t in targets}
    wanted_git = {str(t["git_commit"]).lower() for t in targets if t.get("git_commit")}
    if claimed_sha != wanted_sha:
        main = _hex(str(targets[0].get("digest", "")))
        raise SignatureError(f"subject digest does not match the report's target.digest (sha256:{main[:16]}...)")
    if claimed_git != wanted_git:
        raise SignatureError("subject gitCommit does not match the report's target.git_commit")


def _hex(digest: str) -> str:
    return digest.removeprefix("sha256:")


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}#{n}"
    taken.add(candidate)
    return candidate
