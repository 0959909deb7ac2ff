"""Recall per category on the project's own labelled material (issue #14).

    python benchmarks/recall.py [--mb 2] [--seed 7] [--corpus-preview] [--json out.json]

Two sources of labels, measured separately and then together:

(a) Rule fixtures. Every `tests/rules/<ID>/bad*` file or folder marks the lines rule <ID> must
    flag (`expect: <ID>` comments, or `expected.yaml`). Each fixture is scanned the way
    `tests/test_rule_fixtures.py` scans it, through `tests/ruleharness.py`: that one rule, alone
    in its folder, preview rules included, with the pack its `expected.yaml` names (else the first
    pack mapping it; the customer-managed-key rules run under hipaa-strict) and its fixture
    settings (the local OSV copy). An expected (file, line, rule) is found when the scan reports
    that rule on that line. Its category is the rule's.
(b) The generated corpus (`benchmarks/corpus.py OUT --mb 2 --seed 7`), scanned once with the
    default packs (hipaa, gdpr, ndhm; preview rules only with --corpus-preview), no cache, no
    project settings, the tests' small OSV copy as vulnerability database. Its `manifest.json` lists every planted problem by category and path; one
    counts as found when any finding of that category is on that path.

Output: one table per source and a combined one (category, expected, found, recall), then every
miss as (path, expected rule or category). Only paths, line numbers, rule ids and categories
are printed, never a secret or PHI value (the manifest's descriptions are not printed either).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))  # tests/ruleharness.py: the fixture test's own harness
sys.path.insert(0, str(HERE))  # benchmarks/corpus.py

from hms_policy.model import Category  # noqa: E402

CATEGORIES = [c.value for c in Category]


def fixture_recall() -> tuple[Counter, Counter, list[tuple[str, str, str]]]:
    """(expected per category, found per category, misses as (path:line, rule, category))."""
    import ruleharness as rh

    expected: Counter = Counter()
    found: Counter = Counter()
    misses: list[tuple[str, str, str]] = []
    rules = rh.catalogue().rules.rules
    for rule_id in sorted(rules):
        category = str(rules[rule_id].category)
        pack = rh.sidecar(rule_id).get("pack")
        for bad in rh.fixture_files(rule_id, "bad"):
            want = rh.expected_lines(rule_id, bad)
            if not want:
                continue
            findings, _errors = rh.run_rule_on(rule_id, bad, pack)
            base = bad.parent if bad.is_file() else bad
            flagged = {
                (f.path if bad.is_file() else (base / f.path).relative_to(base).as_posix(), f.line)
                for f in findings
                if f.rule_id == rule_id
            }
            for rel, line in sorted(want):
                expected[category] += 1
                if (rel, line) in flagged:
                    found[category] += 1
                else:
                    shown = (base / rel).relative_to(ROOT).as_posix()
                    misses.append((f"{shown}:{line}", rule_id, category))
    return expected, found, misses


def corpus_recall(megabytes: float, seed: int, preview: bool) -> tuple[Counter, Counter, list[tuple[str, str, str]], dict]:
    """(planted per category, found per category, misses as (path, '-', category), run info)."""
    from corpus import generate

    from hms_policy.api import scan

    with tempfile.TemporaryDirectory(prefix="hms-recall-") as tmp:
        out = Path(tmp) / "corpus"
        manifest = generate(out, megabytes, seed)
        start = time.perf_counter()
        # The small OSV copy the tests use, so the dependency rules run offline (nothing is planted
        # in the corpus's requirements files; without a database they report "not evaluated").
        osv = ROOT / "tests" / "data" / "osv"
        report = scan(out, fail_on="none", cache=False, preview=preview, use_gitignore=False, read_project_settings=False, vuln_db=osv)
        seconds = time.perf_counter() - start
    lines_flagged: dict[tuple[str, str], set[int]] = {}
    for f in report.findings:
        if not f.suppressed:
            lines_flagged.setdefault((str(f.category), f.path), set()).add(f.line)
    planted: Counter = Counter()
    found: Counter = Counter()
    misses: list[tuple[str, str, str]] = []
    per_path: Counter = Counter()
    for item in manifest["planted"]:
        category, path = str(item["category"]), str(item["path"])
        planted[category] += 1
        per_path[(category, path)] += 1
        if (category, path) in lines_flagged:
            found[category] += 1
        else:
            misses.append((path, "-", category))
    # Stricter count: a path with k planted problems of a category is credited with at most as
    # many as there are distinct lines flagged in that category there (several planted
    # databases in one main.tf need several findings).
    strict: Counter = Counter()
    for (category, path), k in per_path.items():
        strict[category] += min(k, len(lines_flagged.get((category, path), ())))
    info = {"strict": strict, "services": manifest["services"], "bytes": manifest["bytes"], "scan_seconds": round(seconds, 2), "scan_errors": len(report.errors)}
    return planted, found, misses, info


def table(title: str, expected: Counter, found: Counter, strict: Counter | None = None) -> list[str]:
    head = "| category | expected | found | recall |"
    rule = "| --- | ---: | ---: | ---: |"
    if strict is not None:
        head += " found, one line per problem | recall |"
        rule += " ---: | ---: |"
    lines = [f"## {title}", "", head, rule]

    def row(name: str, n: int, k: int, s: int) -> str:
        text = f"| {name} | {n} | {k} | {k / n:.1%} |" if n else f"| {name} | 0 | 0 | n/a |"
        if strict is not None:
            text += f" {s} | {s / n:.1%} |" if n else " 0 | n/a |"
        return text

    for category in CATEGORIES:
        lines.append(row(category, expected.get(category, 0), found.get(category, 0), (strict or {}).get(category, 0)))
    lines.append(row("**all**", sum(expected.values()), sum(found.values()), sum((strict or Counter()).values())))
    return [*lines, ""]


def miss_lines(title: str, misses: list[tuple[str, str, str]]) -> list[str]:
    if not misses:
        return [f"{title}: none", ""]
    shown = [f"  MISS {path} {'' if rule == '-' else rule + ' '}[{category}]" for path, rule, category in misses]
    return [f"{title} ({len(misses)}):", *shown, ""]


def rows(expected: Counter, found: Counter) -> dict[str, dict[str, object]]:
    return {c: {"expected": expected.get(c, 0), "found": found.get(c, 0)} for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2, help="size of the generated corpus (default 2)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus-preview", action="store_true", help="turn preview rules on for the corpus scan")
    parser.add_argument("--json", type=Path, help="also write the counts and misses here")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    fx_expected, fx_found, fx_misses = fixture_recall()
    fx_seconds = time.perf_counter() - start
    co_planted, co_found, co_misses, info = corpus_recall(args.mb, args.seed, args.corpus_preview)
    total = time.perf_counter() - start

    out: list[str] = []
    out += table(f"(a) rule fixtures: expected (file, line, rule) in tests/rules/*/bad* ({fx_seconds:.1f} s)", fx_expected, fx_found)
    out += table(
        f"(b) generated corpus: --mb {args.mb:g} --seed {args.seed}, {info['services']} services, "
        f"{info['bytes'] / 1e6:.1f} MB, scan {info['scan_seconds']:.1f} s",
        co_planted,
        co_found,
        info["strict"],
    )
    out += table("combined (a) + (b)", fx_expected + co_planted, fx_found + co_found)
    out += miss_lines("misses in (a), path:line expected-rule [category]", fx_misses)
    out += miss_lines("misses in (b), path [category]", co_misses)
    if info["scan_errors"]:
        out.append(f"corpus scan: {info['scan_errors']} file(s) not fully scanned")
    out.append(f"total {total:.1f} s")
    print("\n".join(out))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "fixtures": rows(fx_expected, fx_found),
                    "corpus": rows(co_planted, co_found),
                    "corpus_strict_found": dict(info["strict"]),
                    "corpus_run": {"mb": args.mb, "seed": args.seed, "preview": args.corpus_preview, **{k: v for k, v in info.items() if k != "strict"}},
                    "misses": {"fixtures": fx_misses, "corpus": co_misses},
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
