"""hms-policy's Kubernetes and Dockerfile rules against checkov, on the same directory.

    python benchmarks/k8s_vs_checkov.py DIR [--checkov PATH] [--show N] [--json OUT]

Runs checkov (`--framework kubernetes dockerfile`, offline) and hms-policy (K8S, DKR, DC and
HELM rules) on DIR, then, for every checkov check that falls in hms-policy's categories,
counts the resources checkov fails and how many of them hms-policy flags with the matching
rule(s). Checks outside our categories (probes, requests, seccomp, capabilities, pull policy,
PodSecurityPolicy, ...) are counted apart. Where hms-policy is narrower on purpose the table
says why; everything else it misses is listed.

checkov is not a dependency of hms-policy: install it in a separate virtualenv and pass
`--checkov /path/to/venv/bin/checkov` (or put it on PATH).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# checkov check -> (hms-policy rules that cover it, why hms-policy may flag fewer resources)
MAPPED: dict[str, tuple[tuple[str, ...], str]] = {
    "CKV_K8S_16": (("K8S001",), ""),
    "CKV_K8S_20": (("K8S001", "K8S002"), ""),
    "CKV_K8S_23": (("K8S003",), ""),
    "CKV_K8S_17": (("K8S004",), ""),
    "CKV_K8S_18": (("K8S004",), ""),
    "CKV_K8S_19": (("K8S004",), ""),
    "CKV_K8S_27": (("K8S005",), ""),
    "CKV_K8S_13": (("K8S006",), ""),
    "CKV_K8S_11": (("K8S006",), "CPU limits are opt-in (K8S006 params.required); only memory is required by default"),
    "CKV_K8S_22": (("K8S007",), ""),
    "CKV_K8S_14": (("K8S008",), ""),
    "CKV_K8S_43": (("K8S008",), "a version tag is accepted; checkov also wants a digest"),
    "CKV_K8S_38": (("K8S043",), "only pods on the default service account are reported"),
    "CKV2_K8S_6": (("K8S060",), "judged per Namespace object scanned with its workloads, not per pod"),
    "CKV_K8S_26": (("K8S031",), "only database ports published with hostPort are reported"),
    "CKV_K8S_49": (("K8S040",), ""),
    "CKV_K8S_155": (("K8S040", "K8S041"), ""),
    "CKV_K8S_156": (("K8S040", "K8S041"), ""),
    "CKV_K8S_157": (("K8S040", "K8S041"), ""),
    "CKV_K8S_158": (("K8S040", "K8S041"), ""),
    "CKV_DOCKER_3": (("DKR001",), ""),
    "CKV_DOCKER_8": (("DKR001",), ""),
    "CKV_DOCKER_7": (("DKR002",), ""),
    "CKV_DOCKER_4": (("DKR003",), "ADD of local files is not reported; only ADD from URLs"),
}
OUR_FAMILIES = ("K8S", "DKR", "DC0", "HELM")


def run_checkov(checkov: str, directory: Path) -> tuple[list[dict[str, Any]], float]:
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
    started = time.perf_counter()
    proc = subprocess.run(
        [checkov, "-d", ".", "--framework", "kubernetes", "dockerfile", "-o", "json", "--quiet", "--compact", "--skip-download"],
        cwd=directory, capture_output=True, text=True, env=env,
    )
    elapsed = time.perf_counter() - started
    if not proc.stdout.strip():
        sys.exit(f"checkov produced no output (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    data = json.loads(proc.stdout)
    reports = data if isinstance(data, list) else [data]
    failed = [f for r in reports if isinstance(r, dict) for f in r.get("results", {}).get("failed_checks", [])]
    return failed, elapsed


def checkov_key(failure: dict[str, Any]) -> tuple[str, str, str]:
    path = failure["file_path"].lstrip("/")
    resource = str(failure.get("resource", ""))
    if resource.endswith(tuple(f".{i}" for i in ("FROM", "USER", "ADD", "RUN", "HEALTHCHECK"))) or path.rsplit("/", 1)[-1].lower().startswith(("dockerfile", "containerfile")) or path.lower().endswith(".dockerfile"):
        return path, "", ""
    kind, _, rest = resource.partition(".")
    name = rest.rsplit(".", 1)[-1] if rest else ""
    return path, kind, name


def hms_keys(directory: Path) -> tuple[dict[tuple[str, str, str], set[str]], collections.Counter[str], float]:
    import hms_policy

    started = time.perf_counter()
    report = hms_policy.scan([directory], jobs=1)
    elapsed = time.perf_counter() - started
    keys: dict[tuple[str, str, str], set[str]] = collections.defaultdict(set)
    counts: collections.Counter[str] = collections.Counter()
    for f in report.findings:
        if not f.rule_id.startswith(OUR_FAMILIES):
            continue
        counts[f.rule_id] += 1
        if f.rule_id.startswith("DKR"):
            keys[(f.path, "", "")].add(f.rule_id)
            continue
        entity = (f.entity or "").split("/container[")[0].split("/volume[")[0]
        parts = entity.split("/")
        keys[(f.path, parts[0], parts[-1])].add(f.rule_id)
    return keys, counts, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--checkov", default=os.environ.get("CHECKOV", "checkov"))
    parser.add_argument("--show", type=int, default=15, help="missed resources to list")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    directory = args.directory.resolve()

    failed, checkov_s = run_checkov(args.checkov, directory)
    ours, our_counts, hms_s = hms_keys(directory)

    per_check: dict[str, dict[str, Any]] = {}
    other: collections.Counter[str] = collections.Counter()
    missed: list[str] = []
    for failure in failed:
        check = failure["check_id"]
        if check not in MAPPED:
            other[check] += 1
            continue
        rules, _ = MAPPED[check]
        key = checkov_key(failure)
        row = per_check.setdefault(check, {"name": failure.get("check_name", ""), "rules": list(rules), "failed": 0, "matched": 0, "seen": set()})
        if key in row["seen"]:
            continue  # one resource, several checkov records (e.g. one per container)
        row["seen"].add(key)
        row["failed"] += 1
        if ours.get(key, set()) & set(rules):
            row["matched"] += 1
        elif not MAPPED[check][1]:
            missed.append(f"{check} {key[0]} {key[1]}/{key[2]}".rstrip("/"))

    print(f"directory: {directory}")
    print(f"checkov: {len(failed)} failed records in {checkov_s:.1f} s; hms-policy: {sum(our_counts.values())} findings (K8S/DKR/DC/HELM) in {hms_s:.1f} s")
    print(f"\n{'check':<12} {'rules':<15} {'failed':>6} {'flagged':>7}  note")
    total_failed = total_matched = strict_failed = strict_matched = 0
    for check in sorted(per_check):
        row = per_check[check]
        note = MAPPED[check][1]
        print(f"{check:<12} {','.join(row['rules']):<15} {row['failed']:>6} {row['matched']:>7}  {note or row['name'][:60]}")
        total_failed += row["failed"]
        total_matched += row["matched"]
        if not note:
            strict_failed += row["failed"]
            strict_matched += row["matched"]
    if strict_failed:
        print(f"\nsame-scope checks: hms-policy flags {strict_matched}/{strict_failed} resources checkov fails ({100 * strict_matched / strict_failed:.1f} %)")
    if total_failed:
        print(f"all mapped checks (incl. deliberately narrower ones): {total_matched}/{total_failed}")
    print(f"checkov failures outside hms-policy's categories: {sum(other.values())} records in {len(other)} checks ({', '.join(c for c, _ in other.most_common(8))}, ...)")
    print(f"hms-policy findings by rule: {dict(sorted(our_counts.items()))}")
    if missed:
        print(f"\nmissed in same-scope checks ({len(missed)}):")
        for line in missed[: args.show]:
            print("  " + line)
    if args.json:
        figures = {check: {k: v for k, v in row.items() if k != "seen"} for check, row in per_check.items()}
        args.json.write_text(json.dumps({"checkov_seconds": checkov_s, "hms_seconds": hms_s, "checks": figures, "missed": missed, "other": dict(other), "hms": dict(our_counts)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
