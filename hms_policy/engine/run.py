"""Rules x documents -> findings, serially or over a process pool.

The unit of work is a file, except Terraform: the `.tf` and `.tfvars` files of one
directory form one unit, so a module's variables and resources are resolved together.
Every worker gets the same immutable `ScanPlan` once; results are merged and sorted, so
`--jobs N` gives exactly the report `--jobs 1` gives.
"""

from __future__ import annotations

import datetime as _dt
import gc
import os
import signal
import string
import sys
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from hms_policy.engine.compact import Compactor
from hms_policy.engine.deadline import DEFAULT_FILE_TIMEOUT, FileTimeout, time_limit
from hms_policy.engine.fingerprint import fingerprint, identity
from hms_policy.engine.matchers import RuleOutcome, run_rule
from hms_policy.engine.redact import Sanitizer, build_snippet
from hms_policy.engine.registry import DetectorRegistry
from hms_policy.engine.active import ActiveRule
from hms_policy.engine.results import FileRecord, UnitResult
from hms_policy.engine.roles import SKIP, Decision, RolePolicy, capped
from hms_policy.engine.merge import merge_secret_findings
from hms_policy.engine.sanitize import sensitive_spans
from hms_policy.engine.suppress import AUDIT_DETECTORS, AUDIT_MEMO_KEY, Audit, Directive, directives_of, judge
from hms_policy.model import FileRole, Finding, Match, Redaction, Rule, ScanError, Severity, Suppression, TargetKind
from hms_policy.targets.shard import TERRAFORM_SUFFIXES, YAML_SUFFIXES, unit_key
from hms_policy.targets.discover import STREAMED_KINDS, Candidate, read_source
from hms_policy.targets.document import Document
from hms_policy.targets.parsers import parser_for

if TYPE_CHECKING:
    from hms_policy.engine.cache import UnitCache

# Below this many bytes a pool costs more than it saves.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
PARALLEL_MIN_UNITS = 64



@dataclass(frozen=True, slots=True)
class ScanPlan:
    active: tuple[ActiveRule, ...]
    detectors: DetectorRegistry
    max_file_bytes: int
    today: _dt.date
    min_confidence: float | None = None  # --min-confidence: matches below it are dropped
    cache: UnitCache | None = None  # per-unit results by content digest (engine/cache.py)
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT  # seconds per file (engine/deadline.py)
    roles: RolePolicy = field(default_factory=RolePolicy)  # what a file is for -> caps, rules not judged


def plan_units(files: Sequence[Candidate]) -> list[list[Candidate]]:
    units: list[list[Candidate]] = []
    terraform: dict[str, list[Candidate]] = defaultdict(list)
    # YAML files of one directory scan together, so Kubernetes rules can see the other
    # objects of the set (a Namespace's NetworkPolicies, a LimitRange's defaults).
    manifests: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in files:
        key = unit_key(candidate.path)
        if key.startswith("terraform:"):
            terraform[key].append(candidate)
        elif key.startswith("yaml:"):
            manifests[key].append(candidate)
        else:
            units.append([candidate])
    units.extend(_with_context(group, TERRAFORM_SUFFIXES) for group in terraform.values())
    units.extend(_with_context(group, YAML_SUFFIXES) for group in manifests.values())
    return units


def _with_context(unit: list[Candidate], suffixes: tuple[str, ...]) -> list[Candidate]:
    """`unit` plus, as context, the directory's other files of its kind that the scan did not
    select, so a partial scan judges a file with its neighbours, as a full scan would."""
    first = unit[0]
    if first.content is not None and first.abspath is None:
        return unit
    directory = first.abspath.parent
    present = {c.abspath.name for c in unit}
    try:
        # Links are left out: one could lead out of the scanned root, and context is not checked.
        names = sorted(e.name for e in os.scandir(directory) if e.name.endswith(suffixes) and e.name not in present and e.is_file(follow_symlinks=False))
    except OSError:
        return unit
    prefix = first.path.rsplit("/", 1)[0] + "/" if "/" in first.path else ""
    return unit + [Candidate(prefix + name, directory / name, first.in_helm_chart, context_only=True) for name in names[:_MAX_CONTEXT_FILES]]


_MAX_CONTEXT_FILES = 200


def execute(plan: ScanPlan, files: Sequence[Candidate], jobs: int) -> UnitResult:
    from hms_policy.engine.bindings import merge_bindings
    from hms_policy.engine.module_findings import merge_module_findings

    total = _execute_units(plan, files, jobs)
    total.findings = merge_module_findings(merge_bindings(total.findings, plan.active))
    return total


def _execute_units(plan: ScanPlan, files: Sequence[Candidate], jobs: int) -> UnitResult:
    units = plan_units(files)
    total = _CompactingResult()
    if plan.cache is not None and jobs > 1 and len(units) >= PARALLEL_MIN_UNITS:
        # Cache hits cost a read and a hash: serve them here, and give workers only the misses.
        misses = []
        for unit in units:
            served = cached_unit(plan, unit)
            if served is None:
                misses.append(unit)
            else:
                total.merge(served)
        units = misses
    sizes = [sum(_size(c) for c in unit) for unit in units]
    parallel = jobs > 1 and len(units) >= PARALLEL_MIN_UNITS and sum(sizes) >= PARALLEL_MIN_BYTES
    if not parallel:
        for unit in units:
            total.merge(scan_unit(plan, unit))
        return total
    # Largest units first; workers pull the next batch as they free up (work stealing).
    order = sorted(range(len(units)), key=lambda i: -sizes[i])
    ordered = [units[i] for i in order]
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: imported only for a pool

    # Workers get the plan and the units once, when they start (inherited, not pickled, where
    # processes fork); a task is then a range of unit positions, not the units themselves.
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(plan, os.getpid(), ordered))
    try:
        with _signals_held():  # the workers are started here
            results = pool.map(_scan_in_worker, _batches([sizes[i] for i in order], jobs), chunksize=1)
        for result in results:
            total.merge(result)
    except BaseException:
        _stop(pool)  # interrupted or terminated: do not wait for the queued units
        raise
    pool.shutdown()
    return total


class _CompactingResult(UnitResult):
    """The scan's total: findings share equal values as they arrive (engine/compact.py)."""

    __slots__ = ("compactor",)

    def __init__(self) -> None:
        super().__init__()
        self.compactor = Compactor()

    def merge(self, other: UnitResult) -> None:
        self.compactor.findings(other.findings)
        super().merge(other)


_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the pool starts its workers: a new worker must not run the
    CLI's handler (and print a traceback) before its initializer has set its own. The parent
    receives what arrived meanwhile when the block ends; each worker when it is set up."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop(pool: Any) -> None:
    """End a pool now: drop the queued work and terminate the workers."""
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public handle
        process.terminate()


# A task is a run of consecutive units (in size order) of about this share of the tree, and of
# at most _BATCH_UNITS: each task costs a round trip through the pool (pickles, queues, thread
# wake-ups, about a millisecond of the parent's CPU, which on few cores is taken from the
# workers), while the last tasks must stay small so no worker is left finishing a long one.
_BATCH_SHARE = 1 / 256
_BATCH_UNITS = 32


def _batches(sizes: Sequence[int], jobs: int) -> Iterator[tuple[int, int]]:
    """(start, stop) ranges over units sorted largest first: big units alone, small ones grouped."""
    limit = max(1, int(sum(sizes) * _BATCH_SHARE / jobs))
    start = 0
    while start < len(sizes):
        stop, total = start + 1, sizes[start]
        while stop < len(sizes) and stop - start < _BATCH_UNITS and total + sizes[stop] <= limit:
            total += sizes[stop]
            stop += 1
        yield start, stop
        start = stop


def _size(candidate: Candidate) -> int:
    if candidate.content is not None:
        return len(candidate.content)
    try:
        return candidate.abspath.stat().st_size
    except OSError:
        return 0


_WORKER_PLAN: ScanPlan | None = None  # set once per worker process by _init_worker
_WORKER_UNITS: Sequence[Sequence[Candidate]] = ()


def _init_worker(plan: ScanPlan, parent: int, units: Sequence[Sequence[Candidate]] = ()) -> None:
    global _WORKER_PLAN, _WORKER_UNITS
    _WORKER_PLAN = plan
    _WORKER_UNITS = units
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """A worker must not outlive the scan: `kill -9` or SIGTERM to the parent leaves no orphans.

    Linux: the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG). Elsewhere,
    and as a second line, a thread ends the process once its parent is gone (re-parented).
    Ctrl-C reaches the whole process group: the parent handles it and ends the workers."""
    import multiprocessing
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's handler inherited by fork: _stop ends us quietly
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)  # held by the parent while it started us
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # no prctl: the watchdog below still works
    watched = os.getppid()  # the pool's creator, or a fork server that dies with it
    if watched != parent and multiprocessing.get_start_method(allow_none=True) != "forkserver":
        os._exit(1)  # the parent died before the watch began
    threading.Thread(target=_watch_parent, args=(watched,), name="hms-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 1.0


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _scan_in_worker(batch: tuple[int, int]) -> UnitResult:
    """The units at positions [start, stop), as one result (UnitResult.merge is associative)."""
    assert _WORKER_PLAN is not None
    total = UnitResult()
    for unit in _WORKER_UNITS[batch[0] : batch[1]]:
        total.merge(scan_unit(_WORKER_PLAN, unit))
    return total


def scan_unit(plan: ScanPlan, unit: Sequence[Candidate]) -> UnitResult:
    result = _scan_unit(plan, unit, analyse=True)
    assert result is not None
    return result


def cached_unit(plan: ScanPlan, unit: Sequence[Candidate]) -> UnitResult | None:
    """The unit's result when the cache has it, else None (nothing is analysed)."""
    return _scan_unit(plan, unit, analyse=False)


def _scan_unit(plan: ScanPlan, unit: Sequence[Candidate], analyse: bool) -> UnitResult | None:
    opened: list[Document] = []
    with collector_paused():
        try:
            return _scan_unit_now(plan, unit, analyse, opened)
        finally:
            for doc in opened:
                doc.release()  # freed now, by reference counting, not by a later collection


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while one unit is analysed. A unit's documents
    hold large trees (a Python module's AST is hundreds of thousands of objects) that live
    until the unit is done; every collection they set off walks them again (on nova's secrets
    scan, 1 s of 7). What a unit leaves as cyclic garbage is collected after it. The switch
    is process-wide: a caller that turned the collector off keeps it off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _scan_unit_now(plan: ScanPlan, unit: Sequence[Candidate], analyse: bool, opened: list[Document]) -> UnitResult | None:
    result = UnitResult()
    documents: list[Document] = []
    context: list[Document] = []
    context_records: list[FileRecord] = []
    for candidate in unit:
        source, error = read_source(candidate, plan.max_file_bytes)
        scanned = source.data is not None or (source.kind in STREAMED_KINDS and error is None)
        role = plan.roles.role_of(source.path, source.kind).value
        record = FileRecord(source.path, source.sha256, source.size, source.kind.value, scanned, role)
        if candidate.context_only:
            if source.data is not None:
                context_records.append(record)
                context.append(Document(source, parser_for(source.kind, source.path)))
            continue
        result.files.append(record)
        if error is not None:
            result.errors.append(error)
        if scanned:
            documents.append(Document(source, parser_for(source.kind, source.path)))
    group = tuple(documents) + tuple(context)
    opened.extend(group)
    for doc in group:
        doc.group = group
    # Cache: same files (path, digest) under the same rules -> the stored analysis. Rules that
    # could not run (a tool missing or unreachable, a crash) are not part of it: they are
    # tried again, and if one runs now the whole unit is analysed afresh.
    key = plan.cache.key([*result.files, *context_records]) if plan.cache is not None and documents else None
    if key is not None and (entry := plan.cache.load(key)) is not None:
        cached, retry = entry
        again = UnitResult()
        if _scan_rules(plan, documents, again, only=retry) == retry:
            result.merge(cached)
            result.merge(again)
            return result
    if not analyse:
        return None
    analysed = UnitResult()
    failed = _scan_rules(plan, documents, analysed)
    if key is not None:
        external = [item for doc in documents for item in doc.external_inputs]
        plan.cache.store(key, analysed, failed, external)  # type: ignore[union-attr]
    result.merge(analysed)
    return result


def _scan_rules(plan: ScanPlan, documents: Sequence[Document], into: UnitResult, only: frozenset[str] | None = None) -> set[str]:
    """Run the plan's rules (or `only` those) on the documents; the ids that could not run."""
    if only is not None and not only:
        return set()
    failed: set[str] = set()
    subset = plan if only is None else replace(plan, active=tuple(a for a in plan.active if a.rule.id in only))
    for doc in documents:
        try:
            with time_limit(plan.file_timeout):
                scan_document(subset, doc, into, failed)
                if doc.path.lower().endswith(".json"):  # JSON is data: one that does not parse is an error
                    doc.parse()
        except FileTimeout:
            # What this file found so far is dropped, and the unit is never cached as whole.
            into.errors.append(ScanError(doc.path, f"analysis stopped after {plan.file_timeout:g} s (file_timeout); this file's findings are incomplete", "timeout"))
            failed.update(a.rule.id for a in subset.active)
        into.errors.extend(doc.errors)
    return failed


# (plan.active, role policy) -> (kind, role) -> (rule, is a suppression audit, role decision);
# the keys themselves are kept so their ids cannot be reused while the entry lives.
_BY_KIND: dict[tuple[int, int], tuple[Any, dict[tuple[str, FileRole], list[tuple[ActiveRule, bool, Decision]]]]] = {}


def _rules_for(active: tuple[ActiveRule, ...], roles: RolePolicy, kind: str, role: FileRole) -> list[tuple[ActiveRule, bool, Decision]]:
    """The active rules that judge a kind of document of a role, worked out once per plan."""
    entry = _BY_KIND.get((id(active), id(roles)))
    if entry is None or entry[0][0] is not active or entry[0][1] is not roles:
        if len(_BY_KIND) > 8:
            _BY_KIND.clear()
        entry = _BY_KIND[(id(active), id(roles))] = ((active, roles), {})
    rules = entry[1].get((kind, role))
    if rules is None:
        rules = entry[1][(kind, role)] = [
            (a, a.rule.match.get("detector") in AUDIT_DETECTORS, decision)
            for a in active
            if a.rule.applies_to(kind) and (decision := roles.decide(a.rule, role)) != SKIP
        ]
    return rules


# One rule's matches in one document (the scanned file or a file it included), as judged there.
_Ran = tuple[ActiveRule, Document, RuleOutcome, FileRole, Decision]


def scan_document(plan: ScanPlan, doc: Document, result: UnitResult, failed: set[str] | None = None) -> None:
    kind = doc.kind.value
    role = plan.roles.role_of(doc.path, doc.kind)
    judged: set[str] = set()  # rules that ran on this document without error (for META002)
    ran: list[_Ran] = []
    deferred: list[tuple[ActiveRule, Decision]] = []
    for active, audit_rule, decision in _rules_for(plan.active, plan.roles, kind, role):
        rule = active.rule
        if rule.paths and not _path_matches(rule.paths, doc.path):
            continue
        if audit_rule:
            deferred.append((active, decision))  # judges the other rules' findings: runs last
            continue
        if _run_one(plan, active, doc, result, ran, role, decision):
            judged.add(rule.id)
        elif failed is not None:
            failed.add(rule.id)
    if deferred:
        # Suppression audit: what every other rule found here, for the unused-suppression rule.
        hits = tuple((a.rule.id, m.span.start, m.entity) for a, target, o, _, _ in ran if target is doc for m in o.matches)
        audit = Audit(frozenset(judged | {a.rule.id for a, _ in deferred}), hits)
        doc.memo(AUDIT_MEMO_KEY, lambda: audit)
        for active, decision in deferred:
            if not _run_one(plan, active, doc, result, ran, role, decision) and failed is not None:
                failed.add(active.rule.id)
    result.findings.extend(merge_secret_findings(_build_findings(plan, ran)))


def _build_findings(plan: ScanPlan, ran: list[_Ran]) -> list[Finding]:
    """Findings are built once every rule has run: each snippet masks what any rule found on
    its lines, and what the line sanitiser finds there."""
    masks = _line_masks(ran)
    sanitizers: dict[str, Sanitizer] = {}
    out: list[Finding] = []
    for active, target, outcome, role, decision in ran:
        sanitize = sanitizers.get(target.path)
        if sanitize is None:
            sanitize = sanitizers[target.path] = _line_sanitizer(target, masks.get(target.path, {}))
        out.extend(_findings(plan, active, target, outcome, directives_of(target), role, decision, sanitize))
    return out


def _line_masks(ran: list[_Ran]) -> dict[str, dict[int, list[Redaction]]]:
    """Every value span any rule reported, by document and line. A PHI keyhole's "context"
    masks only keep that rule's own snippet short; they hide no value and stay with it."""
    masks: dict[str, dict[int, list[Redaction]]] = defaultdict(lambda: defaultdict(list))
    for _, target, outcome, _, _ in ran:
        for match in outcome.matches:
            for r in match.redactions:
                if r.label != "context":
                    masks[target.path][r.line].append(r)
    return masks


def _line_sanitizer(doc: Document, masks: Mapping[int, list[Redaction]]) -> Sanitizer:
    """What to mask on each line of this document, worked out once per line (several rules
    often report one line) and kept no longer than the document's scan."""
    done: dict[int, list[Redaction]] = {}

    def sanitize(number: int, text: str) -> list[Redaction]:
        if number not in done:
            done[number] = [*masks.get(number, ()), *sensitive_spans(text, number, doc.path, doc.kind)]
        return done[number]

    return sanitize


def _run_one(
    plan: ScanPlan, active: ActiveRule, doc: Document, result: UnitResult, ran: list[_Ran], role: FileRole, decision: Decision
) -> bool:
    """Run one rule on one document; False when it could not run."""
    rule = active.rule
    try:
        outcome = run_rule(rule, _with_min_confidence(active.match, plan.min_confidence), doc, plan.detectors)
    except Exception as exc:  # one rule failing on one file must not end the scan
        result.errors.append(ScanError(doc.path, f"rule {rule.id} failed on this file ({type(exc).__name__})", "detector"))
        return False
    if outcome.unavailable:
        result.errors.append(ScanError(doc.path, f"rule {rule.id} not evaluated: {outcome.unavailable}", "unavailable"))
        return False
    if outcome.evaluated:
        result.evaluated.add(rule.id)
    if outcome.unresolved:
        result.unresolved[rule.id] = result.unresolved.get(rule.id, 0) + outcome.unresolved
    if plan.min_confidence is not None:
        outcome.matches = [m for m in outcome.matches if m.confidence is None or m.confidence >= plan.min_confidence]
    for target, matches in _by_document(doc, outcome.matches):
        # A file this one included is judged as what it is for (its own role).
        target_role = role if target is doc else plan.roles.role_of(target.path, target.kind)
        target_decision = decision if target is doc else plan.roles.decide(rule, target_role)
        if target_decision != SKIP:
            ran.append((active, target, replace(outcome, matches=matches), target_role, target_decision))
    return True


def _by_document(doc: Document, matches: Sequence[Match]) -> list[tuple[Document, list[Match]]]:
    """Matches grouped by the document they are in: `doc`, or a file it included."""
    groups: dict[str | None, list[Match]] = {}
    for match in matches:
        groups.setdefault(match.path if match.path in doc.included else None, []).append(match)
    return [(doc if path is None else doc.included[path], found) for path, found in groups.items()]


def _with_min_confidence(match: Mapping[str, Any], minimum: float | None) -> Mapping[str, Any]:
    """Detectors see the scan's --min-confidence as `params.min_confidence`, so those that cap
    their output per file (the PHI detectors) cap after filtering, not before."""
    if minimum is None or match.get("kind") != "detector":
        return match
    return {**match, "params": {**(match.get("params") or {}), "min_confidence": minimum}}


def _path_matches(patterns: tuple[str, ...], path: str) -> bool:
    """`PurePosixPath(path).match(p)` for any p, with the path split once and each pattern
    parsed once per process (rules with `paths` ask this of every document: 6% of care's scan)."""
    split = path.split("/")
    # A clean relative path (no empty or "." part) splits as PurePosixPath would split it.
    parts = tuple(split) if all(split) and "." not in split else PurePosixPath(path).parts
    return any(_glob_matches(_glob(p), parts) for p in patterns)


@lru_cache(maxsize=1024)
def _glob(pattern: str) -> tuple[str, tuple[str, ...]]:
    """A pattern's root ("" when relative) and parts, as `PurePath.match` reads them."""
    parsed = PurePosixPath(pattern)
    if not parsed.parts:
        raise ValueError("empty pattern")
    return parsed.root, parsed.parts


def _glob_matches(glob: tuple[str, tuple[str, ...]], parts: tuple[str, ...]) -> bool:
    """`PurePosixPath.match`: a relative pattern matches the path's last parts, an absolute one
    the whole path; each part by `fnmatch` rules."""
    root, pattern_parts = glob
    if root:
        if not parts or parts[0] != root or len(pattern_parts) != len(parts):
            return False
        pattern_parts = pattern_parts[1:]
    elif len(pattern_parts) > len(parts):
        return False
    return all(fnmatchcase(part, pat) for part, pat in zip(reversed(parts), reversed(pattern_parts)))


class _SafeFormat(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _findings(
    plan: ScanPlan,
    active: ActiveRule,
    doc: Document,
    outcome: RuleOutcome,
    directives: list[Directive],
    role: FileRole,
    decision: Decision,
    sanitize: Sanitizer,
) -> list[Finding]:
    rule = active.rule
    matches = sorted(outcome.matches, key=lambda m: (m.span.start, m.span.end, m.entity or "", m.key or ""))
    wanted = {n for m in matches for n in range(m.span.start, min(m.span.end, m.span.start + 2) + 1)}
    lines = _fetch_lines(doc, wanted)
    occurrences: dict[str, int] = {}
    severity = capped(active.severity, decision)
    if rule.test_paths_severity is not None and role is FileRole.TEST:
        severity = min(severity, rule.test_paths_severity)
    out = []
    for match in matches:
        span_lines = [(n, lines.get(n, "")) for n in range(match.span.start, min(match.span.end, match.span.start + 2) + 1)]
        snippet = build_snippet(span_lines, match.redactions, rule.redaction, sanitize)
        # Identity from the rule's own masks only: what other rules (or an installed
        # detect-secrets) mask beside it must not move the fingerprint a baseline keeps.
        own = snippet if match.entity or match.key else build_snippet(span_lines, match.redactions, rule.redaction)
        ident = identity(match.entity, match.key, own)
        occurrence = occurrences.get(ident, 0)
        occurrences[ident] = occurrence + 1
        context = _SafeFormat(match.context)
        context.update(entity=match.entity or doc.path, path=doc.path, line=str(match.span.start), rule_id=rule.id)
        message = string.Formatter().vformat(rule.message, (), context)
        if match.unresolved:
            message += " (decided on a value hms-policy could not resolve)"
        suppression, expired = _suppression(rule.id, match, directives, plan.today)
        extra = dict(match.extra)
        # A tool's own suppression (bandit's `# nosec`) is honoured but stays visible.
        nosec = extra.pop("nosec", None)
        if suppression is None and isinstance(nosec, str):
            suppression = Suppression("nosec", nosec)
        if expired:
            message += f" (its inline suppression expired on {expired})"
            extra["suppression_expired"] = expired
        out.append(
            Finding(
                fingerprint=fingerprint(rule.id, doc.path, ident, occurrence, active.binding),
                rule_id=rule.id,
                rule_name=rule.name,
                category=rule.category,
                severity=severity if match.max_severity is None else min(severity, match.max_severity),
                path=doc.path,
                line=match.span.start,
                end_line=max(match.span.end, match.span.start),
                message=message,
                snippet=snippet,
                controls=active.controls,
                entity=match.entity,
                confidence=match.confidence,
                unresolved=match.unresolved,
                suppressed=suppression is not None,
                suppression=suppression,
                extra=extra,
                role=role,
            )
        )
    return out


def _fetch_lines(doc: Document, wanted: set[int]) -> dict[int, str]:
    if not wanted:
        return {}
    found = doc.pinned_lines(wanted)  # lines a detector kept while streaming: no second read
    wanted = wanted - found.keys()
    if not wanted:
        return found
    if not doc.streamed and not doc.file.is_gzip:
        lines = doc.lines
        found.update({n: lines[n - 1] for n in wanted if 0 < n <= len(lines)})
        return found
    last = max(wanted)
    for number, text in doc.iter_lines():
        if number in wanted:
            found[number] = text
        if number >= last:
            break
    return found


def _suppression(rule_id: str, match: Match, directives: Iterable[Directive], today: _dt.date) -> tuple[Suppression | None, str | None]:
    """The inline suppression of a match, and the expiry date of a directive that would have
    suppressed it but has expired (so the finding can say so)."""
    verdict = judge(rule_id, match.span.start, match.entity, directives, today)
    if verdict.reason is not None:
        return Suppression("inline", verdict.reason, verdict.until.isoformat() if verdict.until else None), None
    return None, verdict.expired.isoformat() if verdict.expired else None


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
