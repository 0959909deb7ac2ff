"""Throughput of `hms-policy deidentify` on synthetic logs and CSV, in MB/s per core (CPU
seconds of this process), beside Presidio's anonymizer on the same text when it is installed
(it is not a project dependency: install presidio-analyzer and presidio-anonymizer in a scratch
venv to compare).

    python benchmarks/deidentify_speed.py [--mb 8]
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import time

from hms_policy.deidentify import deidentify_stream

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
    deidentify_stream(io.BytesIO(data[:20000]), io.BytesIO(), KEY, fmt)  # warm up: imports, Faker
    start, wall = cpu(), time.perf_counter()
    deidentify_stream(io.BytesIO(data), io.BytesIO(), KEY, fmt)
    seconds = cpu() - start
    mb = len(data) / 1e6
    print(f"hms-policy deidentify  {name:4s} {mb:6.1f} MB  {seconds:6.2f} CPU s  {mb / seconds:6.1f} MB/s per core "
          f"(wall {time.perf_counter() - wall:.2f} s; {what})")


def presidio(name: str, data: bytes) -> None:
    try:
        from presidio_analyzer import AnalyzerEngine  # type: ignore[import-not-found]
        from presidio_anonymizer import AnonymizerEngine  # type: ignore[import-not-found]
    except ImportError:
        print(f"presidio               {name:4s} not installed (pip install presidio-analyzer presidio-anonymizer in a scratch venv)")
        return
    analyzer, anonymizer = AnalyzerEngine(), AnonymizerEngine()
    sample = data[: 200_000].decode()
    start = cpu()
    for line in sample.splitlines():
        anonymizer.anonymize(text=line, analyzer_results=analyzer.analyze(text=line, language="en"))
    seconds = cpu() - start
    print(f"presidio               {name:4s} {len(sample) / 1e6:6.1f} MB  {seconds:6.2f} CPU s  {len(sample) / 1e6 / seconds:6.3f} MB/s per core")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=8.0)
    args = parser.parse_args()
    rng = random.Random(7)
    size = int(args.mb * 1e6)
    log, table = synthetic_log(size, rng), synthetic_csv(size, rng)
    sparse = synthetic_log(size, rng, 0.01)
    measure("log", log, "text", "10% of lines with PHI")
    measure("log", sparse, "text", "1% of lines with PHI")
    measure("csv", table, "csv", "every row a patient, 10 columns")
    presidio("log", log)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
