"""`hms-policy merge REPORT... --output FILE [--sign-key KEY]`

Combines reports of shards (parallel CI jobs over one monorepo) or of several repositories
into one, keeping each target. The exit code follows the merged gate, as scan's does:
0 passed, 1 failed, 2 usage errors (unreadable reports, different schema or pack versions).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from hms_policy.cli.output import add_signing_arguments
from hms_policy.report.formats import FORMATS

if TYPE_CHECKING:
    from hms_policy.model import Report

HELP = "combine JSON reports of shards or repositories into one report"
FAIL_ON = ("critical", "high", "medium", "low", "info", "none")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="JSON reports (or signed envelopes, with --key)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the merged report to FILE instead of stdout")
    parser.add_argument("--format", "-f", choices=sorted(FORMATS), help="output format (default: json)")
    parser.add_argument("--fail-on", choices=FAIL_ON, help="gate of the merged report (default: the strictest of the inputs)")
    parser.add_argument("--key", metavar="PUB", help="verify signed input envelopes with this public key before merging")
    add_signing_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from hms_policy.cli.output import emit, signing_from_args
    from hms_policy.model import Severity, gate_threshold
    from hms_policy.report.merge import merge_reports

    fmt = args.format or "json"
    signing = signing_from_args(args, fmt, args.format is not None)
    reports = [_load(Path(p), args.key) for p in args.reports]
    fail_on: Severity | None | str = "strictest"
    if args.fail_on:
        fail_on = gate_threshold(args.fail_on)
    merged = merge_reports(reports, fail_on=fail_on, names=args.reports)
    emit(merged, fmt, args.output, signing)
    return 0 if merged.passed else 1


def what_else(data: object) -> str:
    """What a JSON file that is not a report is, when we can tell ("" when it may be one)."""
    if not isinstance(data, dict):
        return f"a JSON {type(data).__name__}"
    if "runs" in data and ("$schema" in data or str(data.get("version", "")).startswith("2.")):
        return "a SARIF log"
    if "baseline_version" in data:
        return "an hms-policy baseline"
    if data.get("bomFormat") == "CycloneDX":
        return "a CycloneDX bill of materials"
    if "_type" in data and "predicate" in data:
        return "an in-toto statement (the payload of a signed report: merge the envelope, with --key)"
    if "schema_version" not in data and "findings" not in data:
        return "a JSON document of another kind"
    return ""


def _load(path: Path, key: str | None) -> Report:
    from hms_policy.errors import SignatureError, UsageError
    from hms_policy.report.load import report_from_dict

    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot read report {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"{path} is not a JSON report: {exc}") from None
    if not (isinstance(data, dict) and "payloadType" in data and "signatures" in data):
        other = what_else(data)
        if other:
            raise UsageError(f"{path} is {other}, not an hms-policy JSON report: merge expects reports written with `scan -f json` (or signed envelopes, with --key)")
        return report_from_dict(data, source=str(path))
    if not key:
        raise UsageError(f"{path} is a signed envelope: pass --key PUB to verify it before merging")
    from hms_policy.attest import verify

    try:
        verified = verify(data, Path(key))
    except SignatureError as exc:
        raise UsageError(f"{path} does not verify: {exc}") from None
    return report_from_dict(verified.report, source=str(path))
