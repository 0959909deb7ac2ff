"""`hms-policy scan PATH...`"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from hms_policy.cli.output import add_output_format_argument, add_signing_arguments
from hms_policy.report.formats import FORMATS

HELP = "scan files and directories against policy packs"
FAIL_ON = ("critical", "high", "medium", "low", "info", "none")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and directories to scan (default: .)")
    parser.add_argument("--policy", "-p", action="append", metavar="P", help="packs to check: hipaa,gdpr,ndhm (default: all three) or a pack file")
    parser.add_argument("--format", "-f", choices=sorted(FORMATS), help="output format (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    add_output_format_argument(parser)
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE (YAML, or a .toml file's [tool.hms-policy]) instead of the scanned project's")
    parser.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity that fails the gate (default: high)")
    parser.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes (default: number of cores)")
    parser.add_argument("--exclude", action="append", metavar="GLOB", help="gitignore-style pattern to leave out (repeatable)")
    parser.add_argument("--no-gitignore", action="store_true", help="also scan files .gitignore leaves out")
    parser.add_argument("--max-file-bytes", type=_positive_int, metavar="N", help="skip (and report) files larger than N bytes")
    parser.add_argument("--rules-dir", action="append", metavar="DIR", help="extra directory of YAML rules (repeatable)")
    parser.add_argument("--disable", action="append", metavar="RULE", help="rule id to switch off (repeatable)")
    parser.add_argument("--preview", action="store_true", help="also run rules marked preview")
    parser.add_argument("--min-confidence", type=_confidence, metavar="X", help="drop findings a detector is less than X sure of (0 to 1; PHI rules report 0.5 and up)")
    parser.add_argument("--shard", metavar="I/N", help="scan shard I of N of the tree (whole directories of Terraform/YAML together); combine reports with `hms-policy merge`")
    parser.add_argument("--file-timeout", type=_positive_float, metavar="SECONDS", help="stop analysing a file after SECONDS and report it in errors (default: 60)")
    parser.add_argument("--show-suppressed", action="store_true", help="list suppressed findings in text output")
    parser.add_argument("--no-color", action="store_true", help="no colours in text output (NO_COLOR is honoured too)")
    parser.add_argument("--quiet", "-q", action="store_true", help="text output: the findings only (and files that could not be scanned)")
    parser.add_argument("--controls", action="store_true", help="text output: list the controls in a partial scan too (a full scan always does)")
    parser.add_argument(
        "--vuln-db",
        metavar="PATH|online",
        help="vulnerability data for dependency rules: a local OSV directory or zip, or 'online' for OSV's service",
    )
    add_signing_arguments(parser)
    image = parser.add_argument_group("container images (PATH may also be a docker/podman save tar, an OCI archive or an OCI layout directory)")
    image.add_argument("--image", metavar="NAME", help="save NAME from a local docker or podman and scan the image")
    image.add_argument("--platform", metavar="OS/ARCH[/VARIANT]", help="which image of a multi-architecture index to scan (default: linux/amd64)")
    # Pre-commit and CI gate (README "Pre-commit hook and CI gate").
    gate = parser.add_argument_group("pre-commit and CI gate")
    scope = gate.add_mutually_exclusive_group()
    scope.add_argument("--staged", action="store_true", help="scan the files staged in the git index, as staged (not the working tree)")
    scope.add_argument("--diff", metavar="BASE", help="report only findings the change since BASE (its merge base with HEAD) introduces")
    scope.add_argument(
        "--history",
        nargs="?",
        const="HEAD",
        metavar="REV_RANGE",
        help="scan the lines every commit in REV_RANGE added, with the secret rules (default: HEAD, the whole current branch); PATH is in the repository",
    )
    gate.add_argument("--baseline", metavar="FILE", help="mark findings listed in FILE (from `hms-policy baseline create`) as suppressed; report stale entries")
    gate.add_argument("--category", action="append", metavar="CAT", help="run only rules of these categories, e.g. secret (repeatable, comma-separated)")
    gate.add_argument("--soft-fail", action="store_true", help="exit 0 even when the gate fails (errors still exit 2)")
    gate.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    gate.add_argument("--cache-dir", metavar="DIR", help="where the result cache lives (default: $XDG_CACHE_HOME/hms-policy)")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _vuln_db(value: str | None) -> str | None:
    """A path given on the command line is relative to the working directory: make it absolute."""
    if value is None or value.strip().lower() == "online":
        return value
    from hms_policy.errors import UsageError

    path = Path(value).expanduser()
    if not path.exists():
        raise UsageError(f"--vuln-db: no such file or directory: {value}")
    return str(path.resolve())


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _scan_image(args: argparse.Namespace, paths: list[Path], settings: dict[str, Any]) -> Any:
    from hms_policy.cli.image import saved_image
    from hms_policy.errors import UsageError
    from hms_policy.image_scan import scan_image
    from hms_policy.targets.images.layout import ImageError

    try:
        if args.image:
            with saved_image(args.image) as archive:
                return scan_image(archive, settings, platform=args.platform, categories=_split(args.category), display_name=args.image)
        return scan_image(paths[0], settings, platform=args.platform, categories=_split(args.category))
    except ImageError as exc:
        raise UsageError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from hms_policy.api import partial_scan, scan_with_settings
    from hms_policy.config import merge_settings
    from hms_policy.errors import UsageError
    from hms_policy.cli.output import emit, signing_from_args
    from hms_policy.cli.image import image_path
    from hms_policy.cli.progress import Progress
    from hms_policy.targets.discover import common_root

    if args.history is not None:  # `--history .`: argparse reads the path as the range
        from hms_policy.secrets.history import split_history_argument

        args.history, args.paths = split_history_argument(args.history, args.paths or [], Path.cwd())
    if args.image and args.paths:
        raise UsageError("--image NAME scans a saved image: give no PATH with it")
    paths = [Path(p) for p in (args.paths or ["."])]
    for p in paths:
        if not os.path.lexists(p):
            raise UsageError(f"path does not exist: {p}")
    root = common_root(paths)
    flags: dict[str, Any] = {
        "policy": args.policy,
        "format": args.format,
        "output": args.output,
        "fail_on": args.fail_on,
        "jobs": args.jobs,
        "exclude": _split(args.exclude),
        "use_gitignore": False if args.no_gitignore else None,
        "max_file_bytes": args.max_file_bytes,
        "rules_dirs": args.rules_dir,
        "disable": _split(args.disable),
        "preview": True if args.preview else None,
        "vuln_db": _vuln_db(args.vuln_db),
        "min_confidence": args.min_confidence,
        "baseline": str(Path(args.baseline).resolve()) if args.baseline else None,
        "cache": False if args.no_cache else None,
        "cache_dir": str(Path(args.cache_dir).resolve()) if args.cache_dir else None,
        "shard": args.shard,
        "file_timeout": args.file_timeout,
    }
    config_file = Path(args.config).resolve() if args.config else None
    settings = merge_settings(root, flags, flags_checked=True, config_file=config_file)
    fmt = settings.get("format", "text")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (expected one of: {', '.join(sorted(FORMATS))})")
    signing = signing_from_args(args, fmt, "format" in settings)  # a bad key fails before the scan
    if fmt == "cyclonedx":  # an SBOM lists every component, vulnerable or not
        settings["sbom"] = True
    with Progress("scanning"):  # shown on a terminal only, and only after a second
        image = bool(args.image or (args.history is None and not args.staged and not args.diff and image_path(paths)))
        if image:
            report = _scan_image(args, paths, settings)
        elif args.history is not None:
            from hms_policy.secrets.history import scan_history

            report = scan_history(root, args.history, settings, categories=_split(args.category))
        else:
            report = scan_with_settings(
                paths, root, settings, staged=args.staged, diff_base=args.diff, categories=_split(args.category), config_file=config_file
            )
    output = settings.get("output")
    color = fmt == "text" and not output and sys.stdout.isatty() and not args.no_color and "NO_COLOR" not in os.environ
    partial = args.history is not None or (not image and bool(partial_scan(paths, args.staged, args.diff)))
    emit(
        report,
        fmt,
        output,
        signing,
        tuple(args.output_format or ()),
        color=color,
        show_suppressed=args.show_suppressed,
        controls=args.controls or not partial,  # a hook run: findings, one summary line, one hint
        hint=partial,
        quiet=args.quiet,
    )
    if not report.passed and args.soft_fail:
        print(f"hms-policy: the gate failed ({report.summary.findings} findings); --soft-fail: exit code 0", file=sys.stderr)
        return 0
    return 0 if report.passed else 1
