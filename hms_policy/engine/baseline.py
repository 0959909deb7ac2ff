"""Baselines: the findings a team has accepted, so a legacy repository can adopt the gate
and fail only on what is new.

    {"baseline_version": "1", "tool_version": "0.1.0",
     "entries": [{"fingerprint": "9f1c...", "rule_id": "TF101", "path": "infra/rds.tf",
                  "reason": "present when the baseline was created"}]}

* Entries hold a finding's fingerprint, rule id and path (never a line number, a snippet or a
  value), sorted by (path, rule_id, fingerprint) so diffs stay readable.
* `scan --baseline FILE` marks matching findings suppressed with kind "baseline"; they stay in
  the report. Entries that match no finding are *stale*: reported in `report.errors` with
  reason "stale-baseline" (not findings: a stale entry weakens nothing, and it names a path
  that may no longer exist). An entry is judged only when its file was scanned, or would
  have been (inside the scanned directories), and its rule ran.
* Written only by `hms-policy baseline create|update`, never by a scan.
* A format change gets a `_upgrade_v<N>` function, so old files keep loading.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from hms_policy.errors import ConfigError
from hms_policy.model import Finding, ScanError, Suppression

BASELINE_VERSION = "1"
DEFAULT_BASELINE = ".hms-policy-baseline.json"
DEFAULT_REASON = "present when the baseline was created"
_FINGERPRINT_CHARS = frozenset("0123456789abcdef")


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    rule_id: str
    path: str
    reason: str = DEFAULT_REASON

    def to_dict(self) -> dict[str, str]:
        return {"fingerprint": self.fingerprint, "rule_id": self.rule_id, "path": self.path, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: tuple[BaselineEntry, ...]
    tool_version: str = ""

    def by_fingerprint(self) -> dict[str, BaselineEntry]:
        return {e.fingerprint: e for e in self.entries}


def _sorted(entries: Iterable[BaselineEntry]) -> tuple[BaselineEntry, ...]:
    unique = {e.fingerprint: e for e in entries}
    return tuple(sorted(unique.values(), key=lambda e: (e.path, e.rule_id, e.fingerprint)))


def dumps(baseline: Baseline) -> str:
    body = {
        "baseline_version": BASELINE_VERSION,
        "tool_version": baseline.tool_version,
        "entries": [e.to_dict() for e in _sorted(baseline.entries)],
    }
    return json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_baseline(path: Path, baseline: Baseline) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(baseline), encoding="utf-8")
    tmp.replace(path)


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline file not found: {path} (create it with `hms-policy baseline create`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read baseline: {exc}") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: baseline is not valid JSON: {exc}") from None
    return parse_baseline(data, str(path))


def parse_baseline(data: Any, source: str = "baseline") -> Baseline:
    if not isinstance(data, dict) or "baseline_version" not in data:
        raise ConfigError(f"{source}: not an hms-policy baseline (no baseline_version)")
    version = str(data["baseline_version"])
    while version != BASELINE_VERSION:
        upgrade = _UPGRADES.get(version)
        if upgrade is None:
            raise ConfigError(f"{source}: this baseline_version is not supported by this hms-policy (expected {BASELINE_VERSION})")
        data = upgrade(data)
        version = str(data["baseline_version"])
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: entries must be a list")
    out = []
    for i, item in enumerate(entries):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("fingerprint", "rule_id", "path")):
            raise ConfigError(f"{source}: entries[{i}] needs string fingerprint, rule_id and path")
        fingerprint = item["fingerprint"]
        if not fingerprint or not set(fingerprint) <= _FINGERPRINT_CHARS:
            raise ConfigError(f"{source}: entries[{i}].fingerprint is not a lowercase hex fingerprint")
        reason = item.get("reason", DEFAULT_REASON)
        out.append(BaselineEntry(fingerprint, item["rule_id"], item["path"], reason if isinstance(reason, str) else DEFAULT_REASON))
    return Baseline(_sorted(out), str(data.get("tool_version", "")))


# baseline_version -> function returning the next version's shape. None yet: "1" is the first.
_UPGRADES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def from_findings(
    findings: Iterable[Finding],
    tool_version: str,
    *,
    reason: str = DEFAULT_REASON,
    previous: Baseline | None = None,
    add_new: bool = True,
) -> Baseline:
    """A baseline of every unsuppressed finding (inline-suppressed ones already carry their own
    exception). Entries already in `previous` keep their reason; with `add_new=False` only
    they can stay (an update that drops stale entries and accepts nothing new)."""
    kept = previous.by_fingerprint() if previous is not None else {}
    entries = []
    for f in findings:
        if f.suppressed and (f.suppression is None or f.suppression.kind != "baseline"):
            continue
        old = kept.get(f.fingerprint)
        if old is None and not add_new:
            continue
        entries.append(BaselineEntry(f.fingerprint, f.rule_id, f.path, old.reason if old else reason))
    return Baseline(_sorted(entries), tool_version)


@dataclass(frozen=True, slots=True)
class Scope:
    """Which baseline entries a scan can judge: entries for files inside what was scanned
    (`prefixes`: scanned directories, "" for the whole root; `files`: files scanned one by one)
    whose rule ran."""

    prefixes: tuple[str, ...]
    files: frozenset[str]
    rule_ids: frozenset[str]

    def covers(self, entry: BaselineEntry) -> bool:
        if entry.rule_id not in self.rule_ids:
            return False
        if entry.path in self.files:
            return True
        return any(p == "" or entry.path.startswith(p + "/") for p in self.prefixes)


def apply_baseline(findings: Sequence[Finding], baseline: Baseline, scope: Scope, label: str) -> tuple[list[Finding], list[ScanError]]:
    """Findings with baselined ones suppressed (kind "baseline"), and one error per stale entry."""
    entries = baseline.by_fingerprint()
    matched: set[str] = set()
    out = []
    for f in findings:
        entry = _entry_for(f, entries)
        if entry is not None:
            matched.add(entry.fingerprint)
            if not f.suppressed:
                f = replace(f, suppressed=True, suppression=Suppression("baseline", entry.reason or f"listed in {label}"))
        out.append(f)
    stale = [
        ScanError(
            e.path,
            f"stale baseline entry: {e.rule_id} {e.fingerprint[:12]} in {label} matches no finding any more "
            "(drop it with `hms-policy baseline update`)",
            "stale-baseline",
        )
        for e in baseline.entries
        if e.fingerprint not in matched and scope.covers(e)
    ]
    return out, stale


def _entry_for(f: Finding, entries: Mapping[str, BaselineEntry]) -> BaselineEntry | None:
    """The entry for a finding, or for a rule's finding merged into it (`extra.also_fingerprints`)."""
    candidates = [(f.rule_id, f.fingerprint), *(f.extra.get("also_fingerprints") or {}).items()]
    for rule_id, fp in candidates:
        entry = entries.get(fp)
        if entry is not None and entry.rule_id == rule_id and entry.path == f.path:
            return entry
    return None


def counts(old: Baseline | None, new: Baseline) -> Mapping[str, int]:
    before = set(old.by_fingerprint()) if old else set()
    after = set(new.by_fingerprint())
    return {"kept": len(before & after), "added": len(after - before), "removed": len(before - after)}
