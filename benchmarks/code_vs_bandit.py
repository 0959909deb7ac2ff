"""hms-policy's Python rules against `bandit -r`, on the same files, in one run.

    python benchmarks/code_vs_bandit.py [--files 1500] [--seed 11] [--dir PATH] [--keep]

Without --dir it writes a deterministic corpus of Python modules (service code with planted
bandit-class flaws, planted patient-data flows into logs / exceptions / error responses /
telemetry, and hard negatives: masked values, ids, flags, audit loggers) to a temporary
directory. With --dir it scans an existing tree instead (for example a public repository
you cloned; nothing fetched is kept here).

It then times, each as a fresh process on the same directory:
  * bandit      `bandit -r DIR -f json -q` (all of bandit's tests, its default profile)
  * hms-policy  `hms-policy scan DIR --no-cache -j 1 -f json` with only the PY rules enabled
                (PY001-PY003 data flow + PY010-PY018 mapped bandit tests + PY020), so both
                tools do Python work only
and reports wall time, CPU time and MB/s, the agreement between bandit's issues and the PY
findings for every mapped test id (the same checks run in-process, so differences come from
hms-policy's deliberate filters: placeholders for B105-B107, min_severity for shell calls),
and, on the generated corpus, recall and false positives of the PHI data-flow rules against
the planted flows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

WORDS = "admission ward bed discharge triage pharmacy billing claim encounter lab order result vital chart nurse schedule".split()

# (bandit test id or None, PHI sink kind or None, code lines); "{n}" is the function number.
PLANTED = [
    ("B602", None, ["    subprocess.run(f'convert {{path}} out.png', shell=True, check=True)"]),
    ("B506", None, ["    config = yaml.load(text, Loader=yaml.Loader)"]),
    ("B324", None, ["    digest = hashlib.md5(payload).hexdigest()"]),
    ("B501", None, ["    requests.get(url, verify=False, timeout=5)"]),
    ("B301", None, ["    obj = pickle.loads(blob)"]),
    ("B608", None, ["    cursor.execute(f\"SELECT * FROM visits WHERE ward = '{{ward}}'\")"]),
    ("B105", None, ["    db_password = 'Wint3r-Ward-{n}!'"]),
    (None, "log", ["    s = patient.ssn", "    msg = 'moving ' + s", "    logger.info(msg)"]),
    (None, "log", ["    logger.info('admitted %s', patient.date_of_birth)"]),
    (None, "log", ["    logger.warning('claim', extra={{'member_id': record['member_id']}})"]),
    (None, "exception", ["    raise ValueError(f'bad mrn {{patient.mrn}}')"]),
    (None, "print", ["    print('aadhaar: ' + aadhaar_number)"]),
    (None, "telemetry", ["    sentry_sdk.set_user({{'email': patient.email}})"]),
]
NEGATIVES = [
    ["    logger.info('patient id=%s', patient.id)"],
    ["    logger.info('ssn %s', mask(patient.ssn))"],
    ["    logger.info('ssn verified %s', ssn_verified)"],
    ["    audit_logger.info('chart opened for %s', patient.mrn)"],
    ["    logger.info('SSN missing from the intake form')"],
    ["    subprocess.run(['/usr/bin/convert', path, 'out.png'], check=True)"],
    ["    config = yaml.safe_load(text)"],
    ["    digest = hashlib.sha256(payload).hexdigest()"],
    ["    password_field = 'password'"],
    ["    logger.info('%d patients', len(patients))"],
]
HEADER = '''"""Generated {word} service module {i}."""
import hashlib
import logging
import pickle
import subprocess

import requests
import sentry_sdk
import yaml

logger = logging.getLogger(__name__)
audit_logger = logging.getLogger("audit")


def mask(value):
    return "***" + str(value)[-2:]

'''


def generate(root: Path, files: int, seed: int) -> dict[str, Counter]:
    rng = random.Random(seed)
    planted_bandit: Counter = Counter()
    planted_phi: Counter = Counter()
    for i in range(files):
        lines = [HEADER.format(word=rng.choice(WORDS), i=i)]
        for n in range(rng.randint(15, 40)):
            lines.append(f"def handle_{rng.choice(WORDS)}_{n}(patient, record, path, url, text, payload, blob, cursor, ward, aadhaar_number, ssn_verified, patients):")
            lines.append(f'    """Handle one {rng.choice(WORDS)} step."""')
            lines.append(f"    total = record.get('count', 0) + {n}")
            roll = rng.random()
            if roll < 0.12:
                test, sink, body = rng.choice(PLANTED)
                lines += [b.format(n=n) for b in body]
                if test:
                    planted_bandit[test] += 1
                else:
                    planted_phi[sink] += 1
            elif roll < 0.3:
                lines += rng.choice(NEGATIVES)
            lines += ["    return total", ""]
        path = root / f"svc{i // 100:02d}" / f"module_{i:05d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines))
    return {"bandit": planted_bandit, "phi": planted_phi}


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def non_py_rules() -> list[str]:
    sys.path.insert(0, str(REPO))
    from hms_policy.api import load_catalogue

    catalogue = load_catalogue(["hipaa", "gdpr", "ndhm"])
    return sorted(r for r in catalogue.rules.rules if not r.startswith("PY"))


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*.py") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--dir", type=Path, help="scan this tree instead of a generated corpus")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="hms-bench-py-"))
    root = args.dir.resolve() if args.dir else tmp / "corpus"
    planted = generate(root, args.files, args.seed) if not args.dir else None
    size = tree_bytes(root)
    files = sum(1 for _ in root.rglob("*.py"))
    print(f"corpus: {root}  {files} Python files, {size / 1e6:.1f} MB")

    bandit = shutil.which("bandit", path=str(BIN)) or shutil.which("bandit")
    hms = shutil.which("hms-policy", path=str(BIN)) or shutil.which("hms-policy")
    if not bandit or not hms:
        print("bandit and hms-policy must both be installed", file=sys.stderr)
        return 2
    out = tmp / "hms.json"
    disable = ",".join(non_py_rules())
    b_wall, b_cpu, b_done = timed([bandit, "-r", str(root), "-f", "json", "-q"])
    h_wall, h_cpu, h_done = timed([hms, "scan", str(root), "--no-cache", "-j", "1", "-f", "json", "-o", str(out), "--fail-on", "none", "--disable", disable])
    if h_done.returncode not in (0, 1):
        print(h_done.stderr, file=sys.stderr)
        return 2
    bandit_issues = json.loads(b_done.stdout or "{}").get("results", [])
    report = json.loads(out.read_text())
    findings = [f for f in report["findings"] if not f.get("suppressed")]

    print(f"\n{'tool':<12}{'wall s':>9}{'cpu s':>9}{'MB/s':>8}")
    for name, wall, cpu in (("bandit -r", b_wall, b_cpu), ("hms-policy", h_wall, h_cpu)):
        print(f"{name:<12}{wall:>9.2f}{cpu:>9.2f}{size / 1e6 / wall:>8.2f}")
    print(f"hms-policy / bandit wall time: {h_wall / b_wall:.2f}x")

    by_test_bandit = Counter(i["test_id"] for i in bandit_issues)
    by_test_hms = Counter(f["extra"]["bandit_test"] for f in findings if "bandit_test" in f.get("extra", {}))
    mapped = sorted(set(by_test_hms) | {t for t in by_test_bandit if t in _mapped_tests()})
    print(f"\n{'test':<7}{'bandit':>8}{'hms':>8}" + ("{:>9}".format("planted") if planted else ""))
    for test in mapped:
        row = f"{test:<7}{by_test_bandit[test]:>8}{by_test_hms[test]:>8}"
        if planted:
            row += f"{planted['bandit'][test]:>9}"
        print(row)
    unmapped = sum(n for t, n in by_test_bandit.items() if t not in _mapped_tests())
    print(f"bandit issues of unmapped tests (B101, B404, B603, B607, ...): {unmapped}")

    phi = [f for f in findings if f["rule_id"] in ("PY001", "PY002", "PY003")]
    print(f"\nPHI flow findings: {len(phi)} ({dict(Counter(f['rule_id'] for f in phi))})")
    if planted:
        expected = sum(planted["phi"].values())
        print(f"planted PHI flows: {expected} {dict(planted['phi'])}; recall {min(len(phi), expected)}/{expected}; "
              f"findings beyond the planted ones (false positives on the hard negatives): {max(0, len(phi) - expected)}")
    if not args.keep and not args.dir:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _mapped_tests() -> set[str]:
    import yaml

    tests: set[str] = set()
    for path in (REPO / "rules" / "python").glob("PY*.yaml"):
        rule = yaml.safe_load(path.read_text())
        params = rule.get("match", {}).get("params") or {}
        tests.update(params.get("tests") or ())
    return tests


if __name__ == "__main__":
    raise SystemExit(main())
