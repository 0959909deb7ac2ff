"""`hms-policy scan --history [REV_RANGE]`: secrets in every commit's added lines.

A secret deleted from HEAD is still in the repository, so the history is read as gitleaks
and TruffleHog read it: `git log -p` streamed once, each commit's added lines grouped by file
into in-memory documents, and those documents run through the engine with the secret rules
of the selected packs that judge single lines (`judges_lines`). Findings keep the rule, severity, controls and fingerprint a working
tree scan would give, point at the path and line *in that commit*, and carry the commit in
`extra.commit`.

Memory stays bounded on long histories: the log is read line by line and a file's added lines
are handed on in chunks of at most `CHUNK_LINES` lines (`CHUNK_BYTES` bytes).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator, Mapping, Sequence

from hms_policy.errors import UsageError
from hms_policy.model import Report, ScanError, TargetInfo, TargetKind

CHUNK_LINES = 5_000
CHUNK_BYTES = 4 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024  # an added line longer than this is cut (minified bundles)

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
_COMMIT_MARK = b"\x00hms-commit "  # written by --format=%x00hms-commit %H
_GIT_ENV_DROP = ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_PAGER")
LINE_DETECTOR = "hms.secrets.detect_secrets"


@dataclass(frozen=True, slots=True)
class AddedLines:
    """Lines one commit added to one file (or a chunk of them), with their line numbers in
    the file as of that commit."""

    commit: str
    path: str
    numbers: tuple[int, ...]
    lines: tuple[str, ...]


def split_history_argument(value: str, paths: Sequence[str], cwd: Path) -> tuple[str, list[str]]:
    """`scan --history .` reads `.` as the range (argparse cannot tell): a value that names an
    existing path and no revision is a path, and the range is HEAD."""
    if os.path.exists(cwd / value) and ".." not in value and not _is_revision(value, cwd):
        return "HEAD", [value, *paths]
    return value, list(paths)


def _is_revision(value: str, cwd: Path) -> bool:
    if value.startswith("-"):
        return False
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{value}^{{commit}}"],
            cwd=cwd if cwd.is_dir() else cwd.parent,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        return False
    return done.returncode == 0


def added_lines(repo: Path, rev_range: str) -> Iterator[AddedLines]:
    """Every commit's added lines in `rev_range` (`git log` order), one file at a time."""
    if not rev_range or rev_range.startswith("-"):
        raise UsageError(f"--history: {rev_range!r} is not a revision range")
    command = [
        "git", "-c", "core.quotePath=false", "-c", "diff.noprefix=false", "log", "-p", "-M",
        "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0", "--diff-filter=d",
        "--format=%x00hms-commit %H", "--end-of-options", rev_range, "--",
    ]
    env = {k: v for k, v in os.environ.items() if k not in _GIT_ENV_DROP}
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(command, cwd=repo, stdout=subprocess.PIPE, stderr=errors, env=env)
        except FileNotFoundError:
            raise UsageError("git is not installed (needed for --history)") from None
        try:
            assert process.stdout is not None
            yield from _parse_log(process.stdout)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
        if process.returncode not in (0, -9):
            errors.seek(0)
            first = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise UsageError(f"git log {rev_range}: {first[0] if first else 'exit ' + str(process.returncode)}")


def _read_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """Lines without their line break; a line over MAX_LINE_BYTES is cut there."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):
                rest = stream.readline(MAX_LINE_BYTES + 1)
            line = line[:MAX_LINE_BYTES]
        yield line.rstrip(b"\n").rstrip(b"\r")


def _parse_log(stream: IO[bytes]) -> Iterator[AddedLines]:
    commit = ""
    path: str | None = None
    in_hunk = False
    next_number = 0
    numbers: list[int] = []
    lines: list[str] = []
    size = 0

    def flush() -> Iterator[AddedLines]:
        nonlocal numbers, lines, size
        if path is not None and lines:
            yield AddedLines(commit, path, tuple(numbers), tuple(lines))
        numbers, lines, size = [], [], 0

    for raw in _read_lines(stream):
        if raw.startswith(_COMMIT_MARK):
            yield from flush()
            commit, path, in_hunk = raw[len(_COMMIT_MARK) :].decode("ascii", "replace").strip(), None, False
            continue
        if raw.startswith(b"diff --git "):
            yield from flush()
            path, in_hunk = None, False
            continue
        if not in_hunk:
            if raw.startswith(b"+++ "):
                target = raw[4:].decode("utf-8", "replace")
                path = None if target == "/dev/null" else _unquote(target).removeprefix("b/")
            elif raw.startswith(b"@@"):
                found = _HUNK.match(raw)
                in_hunk = found is not None and path is not None
                next_number = int(found.group(1)) if found else 0
            continue
        if raw.startswith(b"@@"):
            found = _HUNK.match(raw)
            next_number = int(found.group(1)) if found else next_number
        elif raw.startswith(b"+"):
            text = raw[1:].decode("utf-8", "replace")
            numbers.append(next_number)
            lines.append(text)
            size += len(raw)
            next_number += 1
            if len(lines) >= CHUNK_LINES or size >= CHUNK_BYTES:
                yield from flush()
        elif not raw.startswith((b"-", b"\\", b" ")):
            in_hunk = False  # the next file's or commit's header
    yield from flush()


def _unquote(target: str) -> str:
    """git's C-style quoting of unusual paths: "b/caf\\303\\251.txt" -> b/café.txt."""
    if not (len(target) >= 2 and target[0] == '"' and target[-1] == '"'):
        return target
    body = target[1:-1].encode("latin-1", "backslashreplace")
    return body.decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")


def chunk_document(chunk: AddedLines) -> Any:
    """An in-memory Document of the added lines (line i of it is `chunk.numbers[i - 1]`)."""
    from hms_policy.targets.document import Document, SourceFile
    from hms_policy.targets.kinds import HEAD_BYTES, classify

    data = ("\n".join(chunk.lines) + "\n").encode("utf-8")
    kind = classify(chunk.path, data[:HEAD_BYTES])
    if kind is TargetKind.BINARY:
        return None
    source = SourceFile(chunk.path, kind, len(data), hashlib.sha256(data).hexdigest(), data)
    return Document(source, None)  # text only: secret rules never need a parse


def scan_history(root: Path, rev_range: str, settings: Mapping[str, Any], categories: Sequence[str] | None = None) -> Report:
    """The secret rules of the selected packs over the added lines of `rev_range`."""
    from hms_policy.adapters.detect_secrets import has_candidates
    from hms_policy.api import active_rules, bind_rule_settings, gate, load_catalogue
    from hms_policy.catalog.packs import DEFAULT_POLICIES
    from hms_policy.engine.gate import select_categories
    from hms_policy.engine.results import UnitResult
    from hms_policy.engine.run import ScanPlan, scan_document
    from hms_policy.report.build import build_report, git_commit
    from hms_policy.targets.discover import DEFAULT_MAX_FILE_BYTES, Selection
    from hms_policy.targets.git import excluded_by, toplevel
    from hms_policy.targets.merkle import merkle_root

    repo = toplevel(root.resolve())
    policy = settings.get("policy") or list(DEFAULT_POLICIES)
    fail_on = gate(settings.get("fail_on", "high"))
    catalogue = load_catalogue([policy] if isinstance(policy, str) else list(policy), [Path(d) for d in settings.get("rules_dirs", [])])
    active = active_rules(catalogue, disable=settings.get("disable", ()), preview=bool(settings.get("preview")))
    active = tuple(a for a in select_categories(bind_rule_settings(active, settings), ["secret"]) if judges_lines(a.match))
    if categories:
        active = select_categories(active, categories)
    excluded = excluded_by(Selection(excludes=tuple(settings.get("exclude", ()))))
    plan = ScanPlan(active, catalogue.detectors, settings.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES), _dt.date.today())

    # With only detect-secrets rules active (the default), a chunk the prefilter finds nothing
    # in needs no trip through the engine.
    prefilter_only = all(a.match.get("detector") == LINE_DETECTOR for a in active)
    total = UnitResult()
    leaves: list[tuple[str, str]] = []
    commits: set[str] = set()
    scanned_bytes = 0
    for chunk in added_lines(repo, rev_range):
        commits.add(chunk.commit)
        if excluded(chunk.path):
            continue
        doc = chunk_document(chunk)
        if doc is None:
            continue
        leaves.append((f"{chunk.commit}:{chunk.path}:{chunk.numbers[0]}", doc.file.sha256))
        scanned_bytes += doc.file.size
        if prefilter_only and not has_candidates(chunk.path, chunk.lines, doc.kind):
            total.evaluated.update(a.rule.id for a in active)
            continue
        unit = UnitResult()
        scan_document(plan, doc, unit)
        total.evaluated |= unit.evaluated
        total.findings.extend(_in_commit(f, chunk) for f in unit.findings)
        total.errors.extend(ScanError(f"{chunk.commit[:12]}:{chunk.path}", e.message, e.reason) for e in (*unit.errors, *doc.errors))

    findings = total.findings
    if settings.get("baseline"):
        from hms_policy.engine.baseline import Scope, apply_baseline, load_baseline

        # History cannot tell a stale entry from one fixed in a later commit: none is reported stale.
        findings, _ = apply_baseline(findings, load_baseline(root / settings["baseline"]), Scope((), frozenset(), frozenset()), str(settings["baseline"]))
    target = TargetInfo(
        root=repo.as_posix(),
        name=repo.name,
        git_commit=git_commit(repo),
        git_root=repo.as_posix(),
        files_scanned=len(leaves),
        bytes_scanned=scanned_bytes,
        digest=merkle_root(leaves),
        selection={"mode": "history", "range": rev_range, "commits": len(commits), "exclude": list(settings.get("exclude", ()))},
    )
    return build_report(
        target=target,
        packs=catalogue.packs,
        active_rule_ids={a.rule.id for a in active},
        findings=findings,
        evaluated=total.evaluated,
        errors=total.errors,
        fail_on=fail_on,
        rules=(a.rule for a in active),
        partial="the lines commits added, secret rules only",
    )


def judges_lines(match: Mapping[str, Any]) -> bool:
    """Rules that judge lines on their own (the detect-secrets rules, line regexes) can read a
    commit's added lines; rules that need a whole parsed file (bandit's PY010, the Kubernetes
    and Dockerfile credential rules) cannot, and run on the working tree only."""
    return match.get("kind") == "regex" or match.get("detector") == LINE_DETECTOR


def _in_commit(finding: Any, chunk: AddedLines) -> Any:
    """A finding on the chunk's document, moved to its file's line numbers in the commit."""
    last = len(chunk.numbers)
    line = chunk.numbers[min(finding.line, last) - 1]
    end = chunk.numbers[min(finding.end_line, last) - 1]
    return dataclasses.replace(
        finding,
        line=line,
        end_line=max(end, line),
        message=f"{finding.message} (added in commit {chunk.commit[:12]})",
        extra={**finding.extra, "commit": chunk.commit},
    )
