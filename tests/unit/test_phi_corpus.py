"""Precision and recall of the PHI detectors on the labelled corpus in tests/data/phi.

corpus.log is generated (benchmarks/phi_corpus.py labelled): typical log lines, identifiers
planted from templates, hard negatives. hard_cases.log, patients.csv, seed.sql, adt.hl7 and
bundle.json are hand-written; holdout.log was written and labelled before the detectors were
last changed and is reported on its own. labels.json maps file -> line -> identifier types;
every other line is a negative. Run with `-s` to see the table.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hms_policy.detectors.phi import identifiers
from hms_policy.detectors.phi.keys import _EXACT
from hms_policy.detectors.phi.prefilter import compile_prefilter
from hms_policy.detectors.phi.types import TYPES
from hms_policy.targets.discover import Selection, discover, read_source
from hms_policy.targets.document import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "phi"


def predictions() -> set[tuple[str, int, str]]:
    out = set()
    for candidate in discover([DATA], Selection(use_gitignore=False), DATA).files:
        if candidate.path == "labels.json" or candidate.path.endswith(".md"):
            continue
        source, _ = read_source(candidate)
        doc = Document(source)
        types = [t for t in TYPES if t != "phi_in_url"]  # derived (LOG002), not an identifier type
        for match in identifiers(doc, {"types": types, "max_per_file": 10**9}):
            out.add((candidate.path, match.span.start, match.extra["phi_type"]))
    return out


def score(pred: set, labels: dict, files: list[str]) -> dict[str, float]:  # type: ignore[type-arg]
    pos = {(p, int(n), t) for p in files for n, types in labels[p].items() for t in types}
    got = {x for x in pred if x[0] in files}
    negatives = sum(sum(1 for _ in open(DATA / p, encoding="utf-8", errors="replace")) - len(labels[p]) for p in files)
    fp_lines = {(p, n) for p, n, _ in got - pos if str(n) not in labels[p]}
    tp = len(got & pos)
    return {"recall": tp / len(pos), "precision": tp / max(1, len(got)), "fp_rate": len(fp_lines) / negatives,
            "positives": len(pos), "negative_lines": negatives, "fp_lines": len(fp_lines)}


def test_precision_and_recall_on_the_labelled_corpus() -> None:
    labels = json.loads((DATA / "labels.json").read_text())
    pred = predictions()
    overall = score(pred, labels, sorted(labels))
    holdout = score(pred, labels, ["holdout.log"])
    pos = {(p, int(n), t) for p in labels for n, types in labels[p].items() for t in types}
    by_type = Counter(t for _, _, t in pos)
    found = Counter(t for _, _, t in pred & pos)
    false = Counter(t for _, _, t in pred - pos)
    print("\ntype                 labelled  found  false+")
    for t in sorted(by_type):
        print(f"{t:20} {by_type[t]:8} {found[t]:6} {false[t]:7}")
    for name, s in (("overall", overall), ("holdout", holdout)):
        print(f"{name}: recall {s['recall']:.3f} precision {s['precision']:.3f} "
              f"false-positive lines {s['fp_lines']}/{s['negative_lines']} ({s['fp_rate']:.2%})")
    assert overall["recall"] >= 0.95
    assert overall["fp_rate"] <= 0.02
    assert overall["precision"] >= 0.95


def test_prefilter_lets_every_labelled_key_through() -> None:
    """The prefilter is a speed gate: a line with any PHI key must reach the analyser."""
    pattern = compile_prefilter()
    keys = [k for k, role in _EXACT.items() if role != "negative" and role != "ip_address"]
    missed = [k for k in keys if not pattern.search(f"x {k}=1".encode()) or not pattern.search(f'{{"{k.upper()}": 1}}'.encode())]
    assert missed == []


def test_the_re_fallback_finds_the_same(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without google-re2 the prefilter falls back to substring search: same findings."""
    import hms_policy.detectors.phi.scanner as scanner
    from hms_policy.detectors.phi.prefilter import FallbackPrefilter

    fast = predictions()
    monkeypatch.setattr(scanner, "_PREFILTER", FallbackPrefilter())
    assert predictions() == fast
