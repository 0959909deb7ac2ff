"""What a change introduces (`scan --diff BASE`), and which rules a scan runs by category.

A finding counts as introduced when it sits on a line the change added or modified, or when
its fingerprint did not exist at the base: fingerprints ignore line numbers, so this second
test catches findings a change causes away from the lines it touched (deleting
`storage_encrypted = true` makes the resource header a finding without changing it) while a
pre-existing finding that merely moved is not reported again.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from hms_policy.engine.run import ActiveRule, ScanPlan, execute
from hms_policy.errors import UsageError
from hms_policy.model import Category, Finding
from hms_policy.targets.discover import Candidate, Discovery, Selection, discover
from hms_policy.targets.git import Changes, excluded_by, read_objects

# Files that the engine scans together with their directory neighbours (engine/run.py
# plan_units): a change to one needs the others for context, at the base and now.
_GROUPED_SUFFIXES = ((".tf", ".tfvars", ".tf.json"), (".yaml", ".yml"))


def select_categories(active: Sequence[ActiveRule], categories: Iterable[str]) -> tuple[ActiveRule, ...]:
    wanted = {c.strip().lower() for c in categories if c.strip()}
    known = {c.value for c in Category}
    unknown = sorted(wanted - known)
    if unknown:
        raise UsageError(f"unknown category {unknown[0]!r} (expected one of: {', '.join(sorted(known))})")
    return tuple(a for a in active if a.rule.category.value in wanted)


def changed_discovery(changes: Changes, selection: Selection) -> Discovery:
    """The changed files that still exist, plus the neighbours they are scanned with."""
    excluded = excluded_by(selection)
    root = changes.root
    wanted: set[str] = set()
    for rel in changes.files:
        if excluded(rel) or not (root / rel).is_file():
            continue
        wanted.add(rel)
        wanted.update(_neighbours(root, rel, excluded))
    if not wanted:
        return Discovery(root, ())
    return discover([root / rel for rel in sorted(wanted)], Selection(selection.excludes, False, selection.max_file_bytes), root)


def _neighbours(root: Path, rel: str, excluded) -> list[str]:  # type: ignore[no-untyped-def]
    family = next((f for f in _GROUPED_SUFFIXES if rel.endswith(f)), None)
    if family is None:
        return []
    directory = os.path.dirname(rel)
    try:
        names = sorted(os.listdir(root / directory))
    except OSError:
        return []
    out = []
    for name in names:
        sibling = f"{directory}/{name}" if directory else name
        if name.endswith(family) and not excluded(sibling) and (root / sibling).is_file():
            out.append(sibling)
    return out


def base_fingerprints(plan: ScanPlan, changes: Changes, files: Sequence[Candidate], jobs: int) -> set[str]:
    """Fingerprints of the same files as they were at the base, scanned under their current
    paths (so a renamed file compares with itself)."""
    names: dict[str, str] = {}
    for candidate in files:
        changed = changes.files.get(candidate.path)
        if changed is not None and changed.base_path is None:
            continue  # a new file has no past
        top_path = changed.base_path if changed is not None and changed.base_path else _top_relative(changes, candidate.path)
        names[candidate.path] = f"{changes.base}:{top_path}"
    contents = read_objects(changes.top, names.values())
    base_files = [replace(c, content=contents[names[c.path]]) for c in files if names.get(c.path) in contents]
    if not base_files:
        return set()
    return {f.fingerprint for f in execute(plan, base_files, jobs).findings}


def _top_relative(changes: Changes, rel: str) -> str:
    return Path(os.path.abspath(changes.root / rel)).relative_to(changes.top).as_posix()


def introduced(findings: Iterable[Finding], changes: Changes, before: set[str]) -> list[Finding]:
    out = []
    for finding in findings:
        changed = changes.files.get(finding.path)
        on_changed_line = changed is not None and changed.touches(finding.line, max(finding.end_line, finding.line))
        if on_changed_line or finding.fingerprint not in before:
            out.append(finding)
    return out
