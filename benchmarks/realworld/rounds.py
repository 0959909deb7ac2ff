"""Precision by round: the summary line of each group of repositories the benchmark added together.

    python benchmarks/realworld/rounds.py

Each round's repositories were triaged before any rule changed for them (their "before" figures
are in README.md); this prints where each round stands on the current reports.
"""

from __future__ import annotations

from labels import VERDICTS
from manifest import load_manifest
from score import score

# Repositories in manifest order; a round is the next `size` of them.
ROUNDS = [("rounds 1-6", 29), ("round 7", 4), ("round 8", 4), ("round 9", 5), ("round 10", 4), ("round 11", 3), ("round 12", 4), ("round 13", 4), ("round 14", 4), ("round 15", 5), ("round 16", 3), ("round 17", 4), ("round 18", 4), ("round 19", 4), ("round 20", 3), ("round 21", 4), ("round 22", 3), ("round 23", 5), ("round 24", 5)]


def main() -> int:
    names = [repo.name for repo in load_manifest()]
    start = 0
    groups = []
    for title, size in ROUNDS:
        groups.append((title, names[start : start + size]))
        start += size
    groups.append((f"all {len(names)}", names))
    print("| set | findings | overall | gate-failing (count) | gate, debatable as false / true | must-find lost |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for title, members in groups:
        mid = score(members)
        low = score(members, weights={**VERDICTS, "debatable": 0.0})
        high = score(members, weights={**VERDICTS, "debatable": 1.0})
        found = sum(mid.findings.values())
        print(
            f"| {title} | {found:,} | {mid.overall.precision or 0:.2f} | {mid.gate.precision or 0:.2f} ({mid.gate.findings}) "
            f"| {low.gate.precision or 0:.2f} / {high.gate.precision or 0:.2f} | {len(mid.lost)} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
