"""Precision of the pipeline rules on the triaged CI files (labels.yaml).

    python benchmarks/pipelines/score.py

true = 1, debatable = 0.5, false = 0; a rule with more than 40 findings is scored on its
seeded sample (label_helper.py) and weighted by its count. Prints one row per rule and the
range with debatable counted as false / as true.
"""

from __future__ import annotations

from label_helper import findings, load_labels

VALUE = {True: 1.0, "debatable": 0.5, False: 0.0}


def main() -> int:
    labels = load_labels()
    print("| rule | findings | labelled | true | debatable | false | precision | range |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    total = weighted = low = high = 0.0
    for rule, members in sorted(findings().items()):
        verdicts = [labels[(str(f["repo"]), str(f["fingerprint"]))]["verdict"] for f in members if (str(f["repo"]), str(f["fingerprint"])) in labels]
        if not verdicts:
            print(f"| {rule} | {len(members)} | 0 | | | | - | |")
            continue
        counts = {v: sum(1 for x in verdicts if x == v) for v in VALUE}
        precision = sum(VALUE[v] for v in verdicts) / len(verdicts)
        lo = counts[True] / len(verdicts)
        hi = (counts[True] + counts["debatable"]) / len(verdicts)
        print(f"| {rule} | {len(members)} | {len(verdicts)} | {counts[True]} | {counts['debatable']} | {counts[False]} | {precision:.2f} | {lo:.2f}-{hi:.2f} |")
        total += len(members)
        weighted += precision * len(members)
        low += lo * len(members)
        high += hi * len(members)
    if total:
        print(f"\noverall (weighted by count): {weighted / total:.2f} (range {low / total:.2f}-{high / total:.2f}) over {int(total)} findings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
