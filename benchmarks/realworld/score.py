"""Precision of the default scan on the real-world benchmark, from the triage labels.

    python benchmarks/realworld/score.py [--markdown] [--must-find] [NAME ...]

For every (repository, rule, severity) group the labelled findings still reported give a
precision (true = 1, debatable = 0.5, false = 0), weighted by the group's finding count, so the
totals count what a user actually sees. Printed: precision per rule, per category, overall and
for gate-failing (high and critical) findings; findings per 1,000 files scanned; findings not yet
triaged (a group with fewer labels than it needs); labels that no longer match a finding; and
with --must-find, every finding once triaged true that the scan no longer reports.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from labels import SAMPLE, VERDICTS, Label, finding_key, groups, load_label_list, load_report, matched_labels
import yaml

from manifest import HERE, OUT, load_manifest

GATE = {"high", "critical"}


@dataclass
class Tally:
    findings: int = 0  # findings the estimate stands for
    weighted_true: float = 0.0  # findings x group precision
    labelled: int = 0
    untriaged: int = 0  # findings of groups with too few labels

    def add(self, count: int, precision: float | None, labelled: int, missing: int) -> None:
        self.labelled += labelled
        self.untriaged += missing
        if precision is not None:
            self.findings += count
            self.weighted_true += count * precision

    @property
    def precision(self) -> float | None:
        return self.weighted_true / self.findings if self.findings else None


@dataclass
class Result:
    by_rule: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    overall: Tally = field(default_factory=Tally)
    gate: Tally = field(default_factory=Tally)
    raw_counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    files: dict[str, int] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)
    stale: list[tuple[str, Label]] = field(default_factory=list)
    lost: list[tuple[str, Label]] = field(default_factory=list)


def score(names: list[str], reports: Path = OUT, weights: dict[str, float] = VERDICTS) -> Result:
    """`weights`: what each verdict counts for (debatable is 0.5 by default; see --bounds)."""
    result = Result()
    must_find = load_must_find()
    for repo in load_manifest(names):
        report = load_report(repo.name, reports)
        labelled = load_label_list(repo.name)
        labels = matched_labels(labelled, [f for f in report["findings"] if not f.get("suppressed")])
        seen = set()
        result.files[repo.name] = report["target"]["files_scanned"]
        result.findings[repo.name] = sum(1 for f in report["findings"] if not f.get("suppressed"))
        for (rule, severity), members in groups(report["findings"]).items():
            keys = [finding_key(f) for f in members]
            seen.update(keys)
            # A finding that merged other rules' findings of the same secret still reports them.
            seen.update((f["path"], rule_id, fp) for f in members for rule_id, fp in (f.get("extra") or {}).get("also_fingerprints", {}).items())
            verdicts = [weights[labels[k].verdict] for k in keys if k in labels]
            needed = min(len(members), SAMPLE)
            precision = sum(verdicts) / len(verdicts) if verdicts else None
            missing = 0 if len(verdicts) >= needed else len(members)
            category = members[0]["category"]
            for tally in (result.by_rule[rule], result.by_category[category], result.overall):
                tally.add(len(members), precision, len(verdicts), missing)
            if severity in GATE:
                result.gate.add(len(members), precision, len(verdicts), missing)
            result.raw_counts[rule] += len(members)
        used = {id(label) for label in labels.values()}
        result.stale.extend((repo.name, label) for label in labelled if id(label) not in used)
        # pinned trees: a finding of the same rule at the same path and line still reports it
        reported_at = {(f["path"], f["rule_id"], int(f["line"])) for f in report["findings"] if not f.get("suppressed")}
        for label in must_find.get(repo.name, []):
            if label.key not in seen and (label.path, label.rule, label.line) not in reported_at:
                result.lost.append((repo.name, label))
    return result


def load_must_find() -> dict[str, list[Label]]:
    """The findings triaged true before any rule change (must_find.yaml), by repository."""
    data = yaml.safe_load((HERE / "must_find.yaml").read_text()) or {}
    out: dict[str, list[Label]] = defaultdict(list)
    for item in data.get("must_find") or []:
        out[item["repo"]].append(Label(item["path"], item["rule"], item["fingerprint"], int(item.get("line") or 0), "true", item.get("reason", "")))
    return out


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(title: str, rows: dict[str, Tally], counts: dict[str, int] | None = None) -> list[str]:
    lines = [f"| {title} | findings | labelled | precision | untriaged |", "| --- | ---: | ---: | ---: | ---: |"]
    for name in sorted(rows, key=lambda n: (-(counts or {}).get(n, rows[n].findings), n)):
        tally = rows[name]
        total = (counts or {}).get(name, tally.findings)
        lines.append(f"| {name} | {total} | {tally.labelled} | {fmt(tally.precision)} | {tally.untriaged} |")
    return lines


def render(result: Result, must_find: bool) -> str:
    files = sum(result.files.values())
    findings = sum(result.findings.values())
    out = ["## Summary", "",
           f"- repositories: {len(result.files)}; files scanned: {files}; findings: {findings} "
           f"({1000 * findings / max(files, 1):.1f} per 1,000 files)",
           f"- overall precision (weighted by counts): {fmt(result.overall.precision)}",
           f"- gate-failing (high + critical) precision: {fmt(result.gate.precision)} over {result.gate.findings} findings",
           f"- findings in groups not yet triaged: {result.overall.untriaged}",
           f"- labels that no longer match a finding: {len(result.stale)}",
           f"- must-find findings (triaged true before any rule change) no longer reported: {len(result.lost)}", ""]
    out += ["## By repository", "", "| repository | files | findings | per 1,000 files |", "| --- | ---: | ---: | ---: |"]
    for name, count in result.files.items():
        out.append(f"| {name} | {count} | {result.findings[name]} | {1000 * result.findings[name] / max(count, 1):.1f} |")
    out += ["", "## By category", ""] + table("category", result.by_category)
    out += ["", "## By rule", ""] + table("rule", result.by_rule, result.raw_counts)
    if must_find and result.lost:
        out += ["", "## Must-find findings no longer reported", ""]
        out += [f"- {repo}: {l.rule} {l.path}:{l.line} ({l.reason})" for repo, l in result.lost]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--must-find", action="store_true", help="list true findings no longer reported")
    parser.add_argument("--reports", type=Path, default=OUT, help="directory of scan.py reports (default: the last scan)")
    args = parser.parse_args(argv)
    result = score(args.names, args.reports)
    text = render(result, args.must_find)
    # The same figures with debatable findings counted as false and as true: the range the
    # half-credit convention sits in.
    strict = score(args.names, args.reports, {**VERDICTS, "debatable": 0.0})
    lenient = score(args.names, args.reports, {**VERDICTS, "debatable": 1.0})
    bounds = (
        f"- with debatable as false / as true: overall {fmt(strict.overall.precision)} / {fmt(lenient.overall.precision)}, "
        f"gate-failing {fmt(strict.gate.precision)} / {fmt(lenient.gate.precision)}\n"
    )
    marker = "- findings in groups not yet triaged"
    print(text.replace(marker, bounds + marker, 1), end="")
    return 1 if args.must_find and result.lost else 0


if __name__ == "__main__":
    sys.exit(main())
