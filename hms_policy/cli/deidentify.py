"""`hms-policy deidentify SRC... --out DIR | --in-place`: de-identified copies of test data,
verified by a re-scan; `--check PATHS`: exit 1 when fixtures hold real-looking PHI."""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from hms_policy.errors import UsageError

if TYPE_CHECKING:
    from hms_policy.deidentify.engine import Engine
    from hms_policy.deidentify.run import FileSummary

HELP = "replace PHI in test data (CSV, JSON, FHIR, HL7, SQL, XML, YAML, logs) with consistent fictional substitutes"
LOCALES = ("auto", "en_US", "en_GB", "en_IN")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SRC", help="files or directories to de-identify (or check)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="DIR", help="write de-identified copies here, mirroring the source tree")
    where.add_argument("--in-place", action="store_true", help="rewrite the files (needs a clean git tree, or --force)")
    where.add_argument("--check", action="store_true", help="CI mode: exit 1 when the files hold real-looking PHI")
    parser.add_argument("--force", action="store_true", help="with --in-place: rewrite even outside a clean git tree")
    parser.add_argument("--key", help="the secret key for consistent substitutes (or set HMS_POLICY_DEIDENTIFY_KEY)")
    parser.add_argument("--key-file", metavar="PATH", help="read the key from PATH, or save a new random key there")
    parser.add_argument("--policy", metavar="FILE", help="YAML policy: per type replace, redact, hash, generalize or keep")
    parser.add_argument("--locale", choices=LOCALES, default="auto", help="locale of synthetic names and addresses (default: guessed per file)")
    parser.add_argument("--no-verify", action="store_true", help="skip the re-scan of the output")


def run(args: argparse.Namespace) -> int:
    sources = [Path(s) for s in args.sources]
    missing = [str(s) for s in sources if not s.exists()]
    if missing:
        raise UsageError(f"no such file or directory: {missing[0]}")
    if args.check:
        return _check(sources, args.sources)
    if not args.out and not args.in_place:
        raise UsageError("deidentify needs --out DIR, --in-place or --check")
    if args.in_place and not args.force:
        _require_clean_git(sources)
    out_dir = Path(args.out) if args.out else None
    if out_dir is not None:
        resolved = out_dir.resolve()
        if any(resolved == s.resolve() for s in sources):
            raise UsageError("--out must not be one of the sources")
    engine = _engine(args)
    from hms_policy.deidentify.run import deidentify_paths

    summaries = deidentify_paths(sources, engine, out_dir, verify=not args.no_verify, locale=args.locale)
    return _report(summaries, out_dir, not args.no_verify)


def _engine(args: argparse.Namespace) -> Engine:
    from hms_policy.deidentify.engine import Engine
    from hms_policy.deidentify.keyed import resolve_key, save_generated_key
    from hms_policy.deidentify.policy import Policy, load_policy

    policy = Policy()
    if args.policy:
        try:
            policy = load_policy(Path(args.policy))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    key_option = args.key
    key_file = Path(args.key_file) if args.key_file else None
    if key_option is None and key_file is not None and key_file.exists():
        try:
            key_option = key_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            raise UsageError(f"cannot read the key file {key_file}") from None
    try:
        source = resolve_key(key_option)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if source.origin == "generated":
        path = key_file or _default_key_path()
        save_generated_key(source.key, path)
        print(f"hms-policy: no key given: generated a new one and saved it to {path} (mode 0600); "
              f"pass --key-file {shlex.quote(str(path))} next time for the same substitutes", file=sys.stderr)
    return Engine(source.key, policy, track=not args.no_verify)


def _default_key_path() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "hms-policy" / "deidentify-keys"
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return base / f"{stamp}.key"


def _require_clean_git(sources: list[Path]) -> None:
    for source in sources:
        where = source if source.is_dir() else source.parent
        try:
            done = subprocess.run(["git", "status", "--porcelain", "--", str(source.resolve())], cwd=where,
                                  capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            raise UsageError("--in-place needs git to confirm a clean tree (or pass --force)") from None
        if done.returncode != 0:
            raise UsageError(f"--in-place: {source} is not in a git work tree (commit it first, or pass --force)")
        if done.stdout.strip():
            raise UsageError(f"--in-place: {source} has uncommitted changes (commit or stash them, or pass --force)")


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counter.items()))


def _report(summaries: list[FileSummary], out_dir: Path | None, verified: bool) -> int:
    total_left = 0
    total = 0
    for s in summaries:
        replaced = sum(s.replaced.values())
        total += replaced
        line = f"{s.path} [{s.format}]: {replaced} replaced" + (f" ({_counts(s.replaced)})" if replaced else "")
        if s.kept:
            line += f"; kept by policy: {_counts(s.kept)}"
        if s.left:
            total_left += sum(s.left.values())
            line += f"; LEFT after verification: {_counts(s.left)}"
        print(line)
        for error, count in Counter(s.errors).items():
            print(f"  error: {error}" + (f" ({count} times)" if count > 1 else ""))
    where = f" into {out_dir}" if out_dir else " in place"
    print(f"hms-policy deidentify: {len(summaries)} file(s){where}, {total} value(s) replaced", end="")
    if not verified:
        print("; not verified (--no-verify)")
        return 0
    if total_left:
        print(f"; verification FAILED: {total_left} identifier(s) left")
        return 1
    print("; verification passed: the PHI re-scan finds no identifier left")
    return 0


def _check(sources: list[Path], raw: list[str]) -> int:
    from hms_policy.deidentify.run import check_paths

    found = check_paths(sources)
    flagged = [s for s in found if s.left]
    for s in found:
        if s.left:
            print(f"{s.path}: {sum(s.left.values())} line(s) with identifiers ({_counts(s.left)})")
        for error in s.errors:
            print(f"{s.path}: error: {error}")
    if not flagged:
        print("hms-policy deidentify --check: no real-looking PHI found")
        return 0
    command = "hms-policy deidentify " + " ".join(shlex.quote(r) for r in raw) + " --in-place"
    print(f"hms-policy deidentify --check: {len(flagged)} file(s) hold real-looking PHI; to fix them run:\n  {command}")
    return 1
