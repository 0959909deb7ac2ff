"""Write the triage worksheet for a repository: sampled findings that have no label yet.

    python benchmarks/realworld/triage.py NAME

Prints YAML entries ready to be completed (verdict, reason) and appended to labels/NAME.yaml.
Each group of (rule, severity) is triaged whole up to 40 findings; above that, a seeded random
sample of 40 is read and its precision weighted by the group's count in score.py.
"""

from __future__ import annotations

import sys

import yaml

from labels import finding_key, groups, load_label_list, load_report, matched_labels, sample


def worksheet(name: str) -> list[dict[str, object]]:
    report = load_report(name)
    labelled = matched_labels(load_label_list(name), [f for f in report["findings"] if not f.get("suppressed")])
    out: list[dict[str, object]] = []
    for (rule, severity), members in sorted(groups(report["findings"]).items()):
        for f in sample(name, rule, severity, members):
            if finding_key(f) in labelled:
                continue
            out.append({
                "path": f["path"], "rule": rule, "fingerprint": f["fingerprint"], "line": f["line"],
                "severity": severity, "message": f["message"], "snippet": f.get("snippet", ""),
                "verdict": "", "reason": "",
            })
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    entries = worksheet(argv[0])
    print(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=200), end="")
    print(f"# {len(entries)} finding(s) to triage", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
