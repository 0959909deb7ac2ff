"""Scan the exported CI files with the pipeline rules and print findings per rule.

    python benchmarks/pipelines/scan.py            # writes benchmarks/out/pipelines/<name>.json
    python benchmarks/pipelines/scan.py --list     # also prints every finding (for triage)

Only CI0xx findings are kept. Scores against labels/*.yaml with score.py.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
CORPUS = BENCHMARKS / ".corpus" / "pipelines"
OUT = BENCHMARKS / "out" / "pipelines"
sys.path.insert(0, str(BENCHMARKS.parent))

from hms_policy.api import scan  # noqa: E402


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    per_rule: Counter[str] = Counter()
    errors = 0
    start = time.process_time()
    for tree in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        report = scan([tree], fail_on="none", cache=False, preview=True, read_project_settings=False, use_gitignore=False)
        findings = [f for f in report.findings if f.rule_id.startswith("CI")]
        rows = [
            {"rule": f.rule_id, "path": f.path, "line": f.line, "severity": str(f.severity), "fingerprint": f.fingerprint, "message": f.message}
            for f in findings
        ]
        problems = [{"path": e.path, "message": e.message} for e in report.errors]
        errors += len(problems)
        (OUT / f"{tree.name}.json").write_text(json.dumps({"findings": rows, "errors": problems}, indent=1) + "\n")
        per_rule.update(f.rule_id for f in findings)
        if "--list" in argv:
            for row in rows:
                print(f"{tree.name}\t{row['rule']}\t{row['path']}:{row['line']}\t{row['message']}")
            for problem in problems:
                print(f"{tree.name}\tERROR\t{problem['path']}\t{problem['message']}")
    print(json.dumps(dict(sorted(per_rule.items())), indent=1))
    print(f"errors: {errors}; CPU {time.process_time() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
