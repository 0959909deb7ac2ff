"""Throughput, memory and accuracy of the PHI detectors on application logs.

    python benchmarks/phi_logs.py [--mb 200] [--seed 11] [--rate 0.01] [--full-scan]
                                  [--runs hms-phi,regex-baseline]
                                  [--presidio-python /path/to/venv/bin/python]

1. Generates (once, deterministically) a typical application log with benchmarks/phi_corpus.py:
   JSON lines, plain text, nginx access and syslog lines; `rate` of the lines carry an
   identifier and as many are hard negatives.
2. Times, each in its own process so peak memory (max RSS) is the run's own:
   - `hms-phi`: the PHI pass alone (every identifier type), streaming the file from disk;
   - `regex-baseline`: a plain per-line regex scan (SSN, e-mail, phone, Aadhaar, card, IP)
     with the `re` module, the way a quick script would do it;
   - `hms-scan` (--full-scan): the whole `hms-policy scan FILE -j 1`, every rule of every pack;
   - `presidio` (--presidio-python): Microsoft Presidio's AnalyzerEngine with its pattern
     recognisers on a blank spaCy pipeline (no model download), on the first 2 MB only,
     because it is far slower. Install it in a separate venv, never in the project's.
3. Prints precision and recall of hms and the baseline (and Presidio when given) on the
   labelled corpus in tests/data/phi.

Results also go to benchmarks/out/phi-results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
LABELLED = REPO / "tests" / "data" / "phi"

# ---- the plain-regex baseline ---------------------------------------------------------------

BASELINE = {
    "us_ssn": re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b"),
    "us_phone": re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b"),
    "in_aadhaar": re.compile(r"\b[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}\b"),
    "credit_card": re.compile(r"\b(?:\d{4}[ -]?){3}\d{4}\b"),
    "ip_address": re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"),
}


def baseline_lines(path: Path) -> set[tuple[int, str]]:
    out = set()
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            for type_, pattern in BASELINE.items():
                if pattern.search(line):
                    out.add((number, type_))
    return out


# ---- one measured run (in a child process) ---------------------------------------------------


def run_one(kind: str, path: Path) -> dict[str, object]:
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = usage0.ru_utime + usage0.ru_stime
    start = time.perf_counter()
    findings = 0
    if kind == "hms-phi":
        sys.path.insert(0, str(REPO))
        from hms_policy.detectors.phi import identifiers
        from hms_policy.detectors.phi.prefilter import compile_prefilter, engine_name
        from hms_policy.detectors.phi.types import TYPES
        from hms_policy.model import TargetKind
        from hms_policy.targets.document import Document, SourceFile

        doc = Document(SourceFile(path.name, TargetKind.LOG, path.stat().st_size, "", None, path))  # streamed
        findings = sum(1 for _ in identifiers(doc, {"types": list(TYPES)}))
        engine = engine_name(compile_prefilter())
    elif kind == "regex-baseline":
        findings = len(baseline_lines(path))
        engine = "re"
    else:
        raise SystemExit(f"unknown run {kind}")
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"run": kind, "seconds": round(seconds, 3), "cpu_seconds": round(usage.ru_utime + usage.ru_stime - cpu0, 3),
            "findings": findings, "engine": engine, "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def measure(kind: str, path: Path) -> dict[str, object]:
    proc = subprocess.run([sys.executable, __file__, "_one", kind, str(path)], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(proc.stdout)
    result["mb_per_s"] = round(path.stat().st_size / 1e6 / float(result["seconds"]), 1)  # type: ignore[arg-type]
    # Per core: bytes over CPU time, which a busy machine does not distort the way wall time is.
    result["mb_per_cpu_s"] = round(path.stat().st_size / 1e6 / float(result["cpu_seconds"]), 1)  # type: ignore[arg-type]
    return result


def measure_full_scan(path: Path) -> dict[str, object]:
    exe = Path(sys.executable).with_name("hms-policy")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu0 = before.ru_utime + before.ru_stime
    start = time.perf_counter()
    proc = subprocess.run([str(exe), "scan", str(path), "--no-cache", "-j", "1", "-f", "json", "--fail-on", "none"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu0
    report = json.loads(proc.stdout) if proc.stdout.startswith("{") else {}
    return {"run": "hms-scan", "seconds": round(seconds, 3), "mb_per_s": round(path.stat().st_size / 1e6 / seconds, 1),
            "cpu_seconds": round(cpu, 3), "mb_per_cpu_s": round(path.stat().st_size / 1e6 / cpu, 1),
            "findings": len(report.get("findings", [])), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit": proc.returncode}


# ---- Presidio, in its own interpreter -------------------------------------------------------

_PRESIDIO = r'''
import json, sys, time
import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine

class BlankEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on a blank pipeline: pattern recognisers only, no model download."""
    def __init__(self):
        super().__init__(models=[{"lang_code": "en", "model_name": "blank"}])
        self.nlp = {"en": spacy.blank("en")}
    def load(self):
        self.nlp = {"en": spacy.blank("en")}

registry = RecognizerRegistry()
registry.load_predefined_recognizers()
engine = AnalyzerEngine(nlp_engine=BlankEngine(), registry=registry, supported_languages=["en"])
path, limit = sys.argv[1], int(sys.argv[2])
out, size = [], 0
start = time.perf_counter()
with open(path, encoding="utf-8", errors="replace") as handle:
    for number, line in enumerate(handle, 1):
        size += len(line.encode())
        if size > limit:
            break
        for r in engine.analyze(text=line, language="en"):
            if r.score >= 0.4:
                out.append((number, r.entity_type))
print(json.dumps({"seconds": time.perf_counter() - start, "bytes": size, "hits": out}))
'''
# Presidio entity -> hms type, for scoring on the labelled corpus.
PRESIDIO_TYPES = {
    "US_SSN": "us_ssn", "EMAIL_ADDRESS": "email", "PHONE_NUMBER": "phone", "CREDIT_CARD": "credit_card",
    "IBAN_CODE": "iban", "IP_ADDRESS": "ip_address", "UK_NHS": "uk_nhs", "IN_AADHAAR": "in_aadhaar",
    "IN_PAN": "in_pan", "US_NPI": "us_npi", "MEDICAL_LICENSE": "us_dea", "US_MBI": "us_mbi",  # DATE_TIME: no DOB notion
}


def presidio(python: str, path: Path, limit: int) -> dict[str, object]:
    proc = subprocess.run([python, "-c", _PRESIDIO, str(path), str(limit)], capture_output=True, text=True)
    if proc.returncode != 0:
        return {"run": "presidio", "error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    data = json.loads(proc.stdout)
    return {"run": "presidio", "seconds": round(data["seconds"], 3), "mb_per_s": round(data["bytes"] / 1e6 / data["seconds"], 2),
            "bytes": data["bytes"], "hits": data["hits"]}


# ---- accuracy on the labelled corpus ---------------------------------------------------------


def _phone(t: str) -> str:
    return "phone" if t in ("us_phone", "in_mobile", "eu_phone") else t


def accuracy(found: set[tuple[int, str]], labels: dict[str, list[str]], types: set[str] | None = None) -> dict[str, float]:
    """Line-level scoring on corpus.log: (line, type) pairs; phones are one type here, and only
    `types` count when a tool does not claim to find the others."""
    positives = {(int(n), _phone(t)) for n, ts in labels.items() for t in ts}
    found = {(n, _phone(t)) for n, t in found}
    if types is not None:
        positives = {p for p in positives if p[1] in types}
        found = {f for f in found if f[1] in types}
    tp = len(found & positives)
    return {"recall": round(tp / max(1, len(positives)), 3), "precision": round(tp / max(1, len(found)), 3),
            "positives": len(positives), "reported": len(found)}


def hms_corpus_hits(path: Path) -> set[tuple[int, str]]:
    sys.path.insert(0, str(REPO))
    from hms_policy.detectors.phi import identifiers
    from hms_policy.detectors.phi.types import TYPES
    from hms_policy.model import TargetKind
    from hms_policy.targets.document import Document, SourceFile

    doc = Document(SourceFile(path.name, TargetKind.LOG, path.stat().st_size, "", path.read_bytes(), path))
    types = [t for t in TYPES if t != "phi_in_url"]  # derived (LOG002), not an identifier type
    return {(m.span.start, m.extra["phi_type"]) for m in identifiers(doc, {"types": types, "max_per_file": 10**9})}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "_one":
        print(json.dumps(run_one(sys.argv[2], Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--rate", type=float, default=0.01)
    parser.add_argument("--runs", default="hms-phi,regex-baseline", help="comma list of: hms-phi, regex-baseline")
    parser.add_argument("--full-scan", action="store_true")
    parser.add_argument("--presidio-python", metavar="PYTHON")
    parser.add_argument("--presidio-mb", type=float, default=2)
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from phi_corpus import write_log

    OUT.mkdir(exist_ok=True)
    log = OUT / f"phi-{args.mb:g}mb-seed{args.seed}-rate{args.rate:g}.log"
    if not log.exists():
        part = log.with_suffix(".part")
        write_log(part, args.mb, args.seed, args.rate)
        part.rename(log)  # an interrupted run leaves no half corpus behind
    size = log.stat().st_size
    print(f"corpus: {log} ({size / 1e6:.0f} MB)")
    runs = [measure(kind, log) for kind in args.runs.split(",") if kind]
    if args.full_scan:
        runs.append(measure_full_scan(log))
    labels = json.loads((LABELLED / "labels.json").read_text())["corpus.log"]
    corpus = LABELLED / "corpus.log"
    scores = {"hms": accuracy(hms_corpus_hits(corpus), labels),
              "regex-baseline": accuracy(baseline_lines(corpus), labels, {_phone(t) for t in BASELINE})}
    if args.presidio_python:
        p = presidio(args.presidio_python, log, int(args.presidio_mb * 1e6))
        if "hits" in p:
            runs.append({k: v for k, v in p.items() if k != "hits"})
            q = presidio(args.presidio_python, corpus, 10**9)
            hits = {(n, PRESIDIO_TYPES[e]) for n, e in q.get("hits", []) if e in PRESIDIO_TYPES}  # type: ignore[union-attr]
            scores["presidio"] = accuracy(hits, labels, {_phone(t) for t in PRESIDIO_TYPES.values()})
        else:
            runs.append(p)
    print(f"\n{'run':16} {'MB/s':>8} {'MB/cpu-s':>9} {'seconds':>8} {'peak MB':>8} {'findings':>9}")
    for r in runs:
        if "error" in r:
            print(f"{r['run']:16} error: {r['error']}")
            continue
        print(f"{r['run']:16} {r['mb_per_s']:>8} {r.get('mb_per_cpu_s', '-'):>9} {r['seconds']:>8} {r.get('peak_rss_mb', '-'):>8} {r.get('findings', '-'):>9}")
    print("\naccuracy on tests/data/phi/corpus.log (line x type; baseline and Presidio scored on the types they claim):")
    for name, s in scores.items():
        print(f"  {name:16} recall {s['recall']:.3f}  precision {s['precision']:.3f}  ({s['reported']} reported, {s['positives']} labelled)")
    (OUT / "phi-results.json").write_text(json.dumps({"corpus": str(log), "bytes": size, "cpu_count": os.cpu_count(), "runs": runs, "accuracy": scores}, indent=2) + "\n")


if __name__ == "__main__":
    main()
