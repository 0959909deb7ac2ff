"""Compare the pipeline rules with zizmor on the same exported CI files.

    python benchmarks/pipelines/scan.py                       # our findings first
    python benchmarks/pipelines/compare_zizmor.py [--zizmor PATH]

zizmor is not a project dependency: install it in a scratch venv (`pip install zizmor`) and
pass its path. It runs `--offline` (no GitHub API), on GitHub Actions files only (the only
syntax it reads). For each pair of a zizmor audit and our rule that judge the same thing, a
finding in the same file within two lines counts as found by both. Writes
benchmarks/out/pipelines/zizmor-compare.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / ".corpus" / "pipelines"
OUT = HERE.parent / "out" / "pipelines"

# zizmor audit -> our rules that judge the same problem
PAIRS = {
    "template-injection": ("CI002",),
    "dangerous-triggers": ("CI001",),
    "excessive-permissions": ("CI003", "CI004"),
    "unpinned-uses": ("CI006",),
    "unpinned-images": ("CI008",),
    "secrets-inherit": ("CI010",),
    "self-hosted-runner": ("CI005",),
    "unredacted-secrets": ("CI009",),
}


def zizmor_findings(zizmor: str, tree: Path) -> list[dict[str, object]]:
    done = subprocess.run([zizmor, "--offline", "--format", "json-v1", "--persona", "auditor", tree.name], capture_output=True, text=True, cwd=CORPUS)
    if done.returncode not in (0, 10, 11, 12, 13, 14) or not done.stdout.strip():
        return []
    out = []
    for item in json.loads(done.stdout):
        primary = next((loc for loc in item["locations"] if loc["symbolic"]["kind"] == "Primary"), item["locations"][0])
        path = primary["symbolic"]["key"]["Local"]["verbatim_path"]
        rel = Path(path).relative_to(tree.name).as_posix() if path.startswith(tree.name + "/") else path
        out.append({"audit": item["ident"], "path": rel, "line": primary["concrete"]["location"]["start_point"]["row"] + 1,
                    "severity": item["determinations"]["severity"], "persona": item["determinations"]["persona"]})
    return out


def near(a: dict[str, object], b: dict[str, object]) -> bool:
    return a["path"] == b["path"] and abs(int(a["line"]) - int(b["line"])) <= 2  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zizmor", default="zizmor")
    args = parser.parse_args()
    table: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    unpaired: Counter[str] = Counter()
    for tree in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        ours = json.loads((OUT / f"{tree.name}.json").read_text())["findings"]
        theirs = zizmor_findings(args.zizmor, tree)
        for audit, rules in PAIRS.items():
            mine = [f for f in ours if f["rule"] in rules]
            other = [z for z in theirs if z["audit"] == audit]
            both = [z for z in other if any(near(z, f) for f in mine)]
            table[audit]["both"] += len(both)
            table[audit]["zizmor only"] += len(other) - len(both)
            table[audit]["ours only"] += len([f for f in mine if not any(near(z, f) for z in other)])
            for z in other:
                if z not in both and len(examples[f"{audit}: zizmor only"]) < 6:
                    examples[f"{audit}: zizmor only"].append(f"{tree.name}/{z['path']}:{z['line']} ({z['persona']})")
            for f in mine:
                if not any(near(z, f) for z in other) and len(examples[f"{audit}: ours only"]) < 6:
                    examples[f"{audit}: ours only"].append(f"{tree.name}/{f['path']}:{f['line']} {f['rule']}")
        unpaired.update(z["audit"] for z in theirs if z["audit"] not in PAIRS)
        paired_rules = {r for rules in PAIRS.values() for r in rules}
        for f in ours:
            if f["rule"] not in paired_rules:
                unpaired[f"hms-policy {f['rule']}"] += 1
    print("| zizmor audit | our rules | both | zizmor only | ours only |\n| --- | --- | ---: | ---: | ---: |")
    for audit, rules in PAIRS.items():
        row = table[audit]
        print(f"| {audit} | {', '.join(rules)} | {row['both']} | {row['zizmor only']} | {row['ours only']} |")
    print("\nwithout a counterpart:", dict(unpaired.most_common()))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "zizmor-compare.json").write_text(json.dumps({"table": table, "examples": examples, "unpaired": unpaired}, indent=1) + "\n")
    for key, items in sorted(examples.items()):
        print(f"\n{key}:\n  " + "\n  ".join(items))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
