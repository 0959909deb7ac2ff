"""`hms-policy baseline create|update [PATH]`: record today's findings as accepted, so the
gate fails only on new ones (`scan --baseline FILE`).

    hms-policy baseline create                      # writes ./.hms-policy-baseline.json
    hms-policy baseline create infra --reason "accepted risk, ticket SEC-42"
    hms-policy baseline update                      # drop fixed entries, add new findings
    hms-policy baseline update --prune-only         # drop fixed entries, accept nothing new

Run it from the directory CI and the hook scan from (usually the repository root): a
finding's fingerprint includes its path relative to the scanned root. The scan uses the
project's settings like `scan` does, minus any configured baseline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

HELP = "create or update the baseline of accepted findings (.hms-policy-baseline.json)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="write a new baseline from a scan", description="write a new baseline from a scan")
    update = actions.add_parser("update", help="rescan: keep reasons, drop stale entries, add new findings", description="rescan: keep reasons, drop stale entries, add new findings")
    for sub in (create, update):
        sub.add_argument("path", nargs="?", default=".", metavar="PATH", help="directory to scan (default: .)")
        sub.add_argument("--baseline", "-b", metavar="FILE", help="baseline file (default: PATH/.hms-policy-baseline.json)")
        sub.add_argument("--reason", metavar="TEXT", help="reason recorded on new entries (default: present when the baseline was created)")
        sub.add_argument("--policy", "-p", action="append", metavar="P", help="packs whose rules run (default: as `scan`)")
        sub.add_argument("--exclude", action="append", metavar="GLOB", help="gitignore-style pattern to leave out (repeatable)")
        sub.add_argument("--no-gitignore", action="store_true", help="also scan files .gitignore leaves out")
        sub.add_argument("--rules-dir", action="append", metavar="DIR", help="extra directory of YAML rules (repeatable)")
        sub.add_argument("--disable", action="append", metavar="RULE", help="rule id to switch off (repeatable)")
        sub.add_argument("--preview", action="store_true", help="also run rules marked preview")
        sub.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: number of cores)")
        sub.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
        sub.add_argument("--cache-dir", metavar="DIR", help="where the result cache lives")
    create.add_argument("--force", action="store_true", help="overwrite an existing baseline file")
    update.add_argument("--prune-only", action="store_true", help="only drop entries that match nothing; accept no new finding")


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def run(args: argparse.Namespace) -> int:
    from hms_policy import __version__
    from hms_policy.api import scan_with_settings
    from hms_policy.config import merge_settings
    from hms_policy.engine.baseline import (
        DEFAULT_BASELINE,
        DEFAULT_REASON,
        counts,
        from_findings,
        load_baseline,
        write_baseline,
    )
    from hms_policy.errors import UsageError

    root = Path(args.path)
    if not root.is_dir():
        raise UsageError(f"not a directory: {args.path}")
    root = root.resolve()
    target = Path(args.baseline) if args.baseline else root / DEFAULT_BASELINE
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    flags: dict[str, Any] = {
        "policy": args.policy,
        "exclude": _split(args.exclude),
        "use_gitignore": False if args.no_gitignore else None,
        "rules_dirs": args.rules_dir,
        "disable": _split(args.disable),
        "preview": True if args.preview else None,
        "jobs": args.jobs,
        "cache": False if args.no_cache else None,
        "cache_dir": str(Path(args.cache_dir).resolve()) if args.cache_dir else None,
    }
    settings = merge_settings(root, flags, flags_checked=True)
    settings.pop("baseline", None)  # the raw findings, not those an older baseline hides
    # The baseline file itself is never scanned: it changes with every update.
    if target.resolve().is_relative_to(root):
        settings["exclude"] = [*settings.get("exclude", []), "/" + target.resolve().relative_to(root).as_posix()]

    previous = None
    if args.action == "create":
        if target.exists() and not args.force:
            raise UsageError(f"{target} exists: use `hms-policy baseline update` or --force")
    else:
        previous = load_baseline(target)
    report = scan_with_settings([root], root, settings)
    baseline = from_findings(
        report.findings,
        __version__,
        reason=args.reason or DEFAULT_REASON,
        previous=previous,
        add_new=not getattr(args, "prune_only", False),
    )
    write_baseline(target, baseline)
    tally = counts(previous, baseline)
    summary = f"{len(baseline.entries)} entries" if previous is None else f"{tally['kept']} kept, {tally['added']} added, {tally['removed']} removed"
    print(f"hms-policy: baseline {target}: {summary}", file=sys.stderr)
    return 0
