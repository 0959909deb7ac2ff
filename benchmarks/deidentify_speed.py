"""Throughput of `hms-policy deidentify` on synthetic logs and CSV, in MB/s per core (CPU
seconds of this process), beside Presidio's anonymizer on the same text when it is installed
(it is not a project dependency: install presidio-analyzer and presidio-anonymizer in a scratch
venv and pass its interpreter to compare on the same generated text).

    python benchmarks/deidentify_speed.py [--mb 8] [--presidio-python /tmp/presidio-venv/bin/python]

No spaCy model can be downloaded here, so Presidio runs with a blank English pipeline: its
pattern recognizers (SSN, e-mail, phone, card, ...) work, its NER (names, places) does not. With
a real model it is slower still.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import subprocess
import time

KEY = "benchmark-key-0123456789"


def synthetic_log(size: int, rng: random.Random, share: float = 0.1) -> bytes:
    lines = []
    total = 0
    plain = ("GET /api/v1/appointments 200 12ms", "cache warmup complete", "worker 3 heartbeat ok",
             "db pool size=20 idle=18", "GET /static/app.js 304 1ms")
    while total < size:
        if rng.random() < share:
            line = (f'2024-01-05T08:{rng.randrange(60):02d}:00Z INFO admitted patient_name="Meera Rao" '
                    f"ssn=512-34-{rng.randrange(1000, 9999)} phone=(212) 868-{rng.randrange(1000, 9999)} "
                    f'email=pt{rng.randrange(999)}@gmail.com')
        else:
            line = f"2024-01-05T08:{rng.randrange(60):02d}:00Z INFO {rng.choice(plain)}"
        lines.append(line)
        total += len(line) + 1
    return ("\n".join(lines) + "\n").encode()


def synthetic_csv(size: int, rng: random.Random) -> bytes:
    rows = ["mrn,first_name,last_name,dob,ssn,phone,email,city,zip,notes"]
    total = 0
    firsts, lasts = ("Meera", "Arjun", "Olivia", "Liam", "Aisha"), ("Rao", "Patel", "Smith", "Jones", "Khan")
    while total < size:
        row = (f"MRN-{rng.randrange(100000, 999999)},{rng.choice(firsts)},{rng.choice(lasts)},"
               f"19{rng.randrange(40, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)},"
               f"{rng.randrange(100, 665)}-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)},"
               f"(212) 868-{rng.randrange(1000, 9999)},p{rng.randrange(9999)}@gmail.com,Springfield,"
               f"0{rng.randrange(1000, 9999)},stable; follow up in 2 weeks")
        rows.append(row)
        total += len(row) + 1
    return ("\n".join(rows) + "\n").encode()


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, data: bytes, fmt: str, what: str) -> None:
    from hms_policy.deidentify import deidentify_stream

    deidentify_stream(io.BytesIO(data[:20000]), io.BytesIO(), KEY, fmt)  # warm up: imports, Faker
    start, wall = cpu(), time.perf_counter()
    deidentify_stream(io.BytesIO(data), io.BytesIO(), KEY, fmt)
    seconds = cpu() - start
    mb = len(data) / 1e6
    print(f"hms-policy deidentify  {name:4s} {mb:6.1f} MB  {seconds:6.2f} CPU s  {mb / seconds:6.1f} MB/s per core "
          f"(wall {time.perf_counter() - wall:.2f} s; {what})")


def presidio(name: str, data: bytes, what: str) -> None:
    """Presidio's analyzer (pattern recognizers, blank spaCy pipeline) and anonymizer, line by
    line (it works on one string at a time), on the first 200 kB of the same text."""
    import spacy  # type: ignore[import-not-found]
    from presidio_analyzer import AnalyzerEngine  # type: ignore[import-not-found]
    from presidio_analyzer.nlp_engine import SpacyNlpEngine  # type: ignore[import-not-found]
    from presidio_anonymizer import AnonymizerEngine  # type: ignore[import-not-found]

    class BlankEnglish(SpacyNlpEngine):  # type: ignore[misc]
        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

    nlp = BlankEnglish(models=[{"lang_code": "en", "model_name": "blank"}])
    nlp.load()
    analyzer, anonymizer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"]), AnonymizerEngine()
    sample = data[:200_000].decode()
    lines = sample.splitlines()
    anonymizer.anonymize(text=lines[0], analyzer_results=analyzer.analyze(text=lines[0], language="en"))
    start = cpu()
    for line in lines:
        anonymizer.anonymize(text=line, analyzer_results=analyzer.analyze(text=line, language="en"))
    seconds = cpu() - start
    mb = len(sample.encode()) / 1e6
    print(f"presidio (no NER)      {name:4s} {mb:6.1f} MB  {seconds:6.2f} CPU s  {mb / seconds:6.3f} MB/s per core ({what})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=8.0)
    parser.add_argument("--presidio-python", help="an interpreter with presidio-analyzer and presidio-anonymizer")
    parser.add_argument("--only-presidio", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    rng = random.Random(7)
    size = int(args.mb * 1e6)
    log, table = synthetic_log(size, rng), synthetic_csv(size, rng)
    sparse = synthetic_log(size, rng, 0.01)
    if args.only_presidio:
        presidio("log", log, "10% of lines with PHI")
        presidio("log", sparse, "1% of lines with PHI")
        presidio("csv", table, "every row a patient")
        return
    measure("log", log, "text", "10% of lines with PHI")
    measure("log", sparse, "text", "1% of lines with PHI")
    measure("csv", table, "csv", "every row a patient, 10 columns")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if args.presidio_python:
        subprocess.run([args.presidio_python, __file__, "--mb", str(args.mb), "--only-presidio"], check=False)
    else:
        print("presidio: pass --presidio-python (a scratch venv with presidio-analyzer and presidio-anonymizer)")


if __name__ == "__main__":
    main()
