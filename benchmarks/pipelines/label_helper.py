"""Worksheet helper for labels.yaml: the findings of benchmarks/out/pipelines/*.json that have
no label yet, with a seeded sample of at most 40 per rule (as in the real-world benchmark).

    python benchmarks/pipelines/label_helper.py > worksheet.yaml
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "out" / "pipelines"
SAMPLE = 40


def findings() -> dict[str, list[dict[str, object]]]:
    by_rule: dict[str, list[dict[str, object]]] = defaultdict(list)
    for report in sorted(OUT.glob("*.json")):
        if report.name == "zizmor-compare.json":
            continue
        for f in json.loads(report.read_text())["findings"]:
            by_rule[str(f["rule"])].append({"repo": report.stem, **f})
    return by_rule


def sampled(rule: str, members: list[dict[str, object]]) -> list[dict[str, object]]:
    if len(members) <= SAMPLE:
        return members
    return random.Random(f"pipelines:{rule}").sample(members, SAMPLE)


def load_labels() -> dict[tuple[str, str], dict[str, object]]:
    path = HERE / "labels.yaml"
    data = yaml.safe_load(path.read_text()) if path.exists() else None
    return {(str(e["repo"]), str(e["fingerprint"])): e for e in (data or {}).get("labels", [])}


def main() -> int:
    labelled = load_labels()
    out = []
    for rule, members in sorted(findings().items()):
        for f in sampled(rule, members):
            if (str(f["repo"]), str(f["fingerprint"])) not in labelled:
                out.append({k: f[k] for k in ("repo", "rule", "path", "line", "fingerprint", "message")} | {"verdict": "", "reason": ""})
    yaml.safe_dump(out, sys.stdout, sort_keys=False, width=200)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
