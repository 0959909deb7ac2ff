"""A deterministic mixed corpus with planted problems at known rates.

    python benchmarks/corpus.py OUT_DIR --mb 50 [--seed 7]

Writes a tree of "services" until OUT_DIR holds about --mb megabytes: Terraform modules,
Kubernetes and compose YAML, Dockerfiles, Python / JavaScript / Java source, requirements
files and application logs. About one unit in `RATE` of each kind carries a planted problem
(an unencrypted database, a privileged container, a private key, an SSN in a log, ...);
`OUT_DIR/manifest.json` records every planted problem by category and path, so a run can
compare what each tool finds with what is there. The same seed and size give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

RATE = 5  # one unit in RATE is planted

_FIRST_NAMES = "Meera Tomasz Adaeze Rahul Ingrid Kwame Lucia Farid Sunita Mateo".split()
_LAST_NAMES = "Krishnan Kowalski Okafor Sharma Lindqvist Mensah Ferreira Haddad Iyer Novak".split()
WORDS = "patient admission ward bed discharge triage pharmacy billing claim encounter lab order result vital chart nurse physician schedule".split()


class Corpus:
    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        # The recall plants of issue 14 draw from their own stream, so the bytes every earlier
        # plant and filler line get stay the same for a seed.
        self.recall_rng = random.Random(seed + 14)
        self.planted: list[dict[str, object]] = []
        self.bytes = 0

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        self.bytes += len(text.encode())

    def plant(self, category: str, rel: str, what: str) -> None:
        self.planted.append({"category": category, "path": rel, "what": what})

    def planted_now(self) -> bool:
        return self.rng.randrange(RATE) == 0

    def recall_plant(self) -> bool:
        return self.recall_rng.randrange(RATE) == 0

    def word(self) -> str:
        return self.rng.choice(WORDS)

    # -- one service -------------------------------------------------------------------
    def service(self, i: int) -> None:
        base = f"svc{i:04d}-{self.word()}"
        self.terraform(f"{base}/infra")
        self.kubernetes(f"{base}/deploy/app.yaml", base)
        self.compose(f"{base}/docker-compose.yml")
        self.dockerfile(f"{base}/Dockerfile")
        self.python(f"{base}/app/service.py")
        self.javascript(f"{base}/web/client.js")
        self.java(f"{base}/src/Main.java")
        self.requirements(f"{base}/requirements.txt")
        self.log(f"{base}/logs/app.log")

    def terraform(self, rel: str) -> None:
        blocks = ['provider "aws" {\n  region = var.region\n}\n\nvariable "region" {\n  default = "ap-south-1"\n}\n']
        for n in range(self.rng.randint(3, 8)):
            planted = self.planted_now()
            if planted:
                self.plant("unencrypted-storage", f"{rel}/main.tf", f"aws_db_instance.db{n}")
            blocks.append(
                f'resource "aws_db_instance" "db{n}" {{\n  identifier = "{self.word()}-{n}"\n  engine = "postgres"\n'
                f'  instance_class = "db.t3.medium"\n  allocated_storage = {self.rng.randint(20, 500)}\n'
                f'  storage_encrypted = {"false" if planted else "true"}\n  backup_retention_period = 14\n'
                f'  deletion_protection = true\n  tags = {{ Team = "{self.word()}" }}\n}}\n'
            )
            acl = "public-read" if self.planted_now() else "private"
            if acl != "private":
                self.plant("public-exposure", f"{rel}/main.tf", f"aws_s3_bucket.b{n}")
            blocks.append(f'resource "aws_s3_bucket" "b{n}" {{\n  bucket = "{self.word()}-{n}-{self.rng.randint(0, 99999)}"\n  acl = "{acl}"\n}}\n')
        self.write(f"{rel}/main.tf", "\n".join(blocks))

    def kubernetes(self, rel: str, name: str) -> None:
        privileged = self.planted_now()
        if privileged:
            self.plant("container-hardening", rel, "privileged container")
        self.write(
            rel,
            f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: hms\nspec:\n  replicas: 2\n"
            f"  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.local/{name}:1.{self.rng.randint(0, 9)}.0\n"
            f"          securityContext:\n            privileged: {'true' if privileged else 'false'}\n            allowPrivilegeEscalation: false\n"
            f"            runAsNonRoot: true\n          resources:\n            limits: {{cpu: 500m, memory: 256Mi}}\n",
        )

    def compose(self, rel: str) -> None:
        privileged = self.planted_now()
        if privileged:
            self.plant("container-hardening", rel, "privileged service")
        self.write(rel, f"services:\n  api:\n    image: api:1.0\n    privileged: {'true' if privileged else 'false'}\n  db:\n    image: postgres:16\n    ports:\n      - \"127.0.0.1:5432:5432\"\n")

    def dockerfile(self, rel: str) -> None:
        root = self.planted_now()
        if root:
            self.plant("container-hardening", rel, "runs as root")
        user = "" if root else "USER 10001\n"
        env = ""
        if self.recall_plant():
            self.plant("secret", rel, "credential value in ENV")
            env = "ENV DB_PASSWORD=" + "".join(self.recall_rng.choice("ABCDEFGHJKabcdefghjk23456789") for _ in range(14)) + "\n"
        self.write(rel, f"FROM python:3.12-slim\nWORKDIR /app\n{env}COPY . /app\nRUN pip install --no-cache-dir -r requirements.txt\n{user}CMD [\"python\", \"-m\", \"app\"]\n")

    def python(self, rel: str) -> None:
        lines = ["import logging", "", "logger = logging.getLogger(__name__)", ""]
        for n in range(self.rng.randint(20, 60)):
            lines += [f"def handle_{self.word()}_{n}(record):", f'    """Handle one {self.word()} record."""', f"    total = record.get('count', 0) + {n}"]
            if self.planted_now():
                self.plant("phi-exposure", rel, f"handle_{n} logs ssn")
                lines.append("    logger.info('patient ssn=%s', record['ssn'])")
            else:
                lines.append("    logger.info('record id=%s', record['id'])")
            lines += ["    return total", ""]
        if self.recall_plant():
            self.plant("phi-exposure", rel, "signal receiver logs the patient instance")
            lines += ["@receiver(post_save, sender=Patient)", "def patient_saved(sender, instance, created, **kwargs):",
                      "    logger.info('saved %s', instance)", ""]
        if self.planted_now():
            self.plant("secret", rel, "private key")
            lines += ['KEY = """-----BEGIN RSA PRIVATE KEY-----', "MIIEowIBAAKCAQEA" + "".join(self.rng.choice("ABCDEFGHabcdefgh0123456789") for _ in range(48)),
                      "".join(self.rng.choice("ABCDEFGHabcdefgh0123456789+/") for _ in range(64)), '-----END RSA PRIVATE KEY-----"""']
        self.write(rel, "\n".join(lines) + "\n")

    def javascript(self, rel: str) -> None:
        body = [f"export function {self.word()}{n}(x) {{ return x * {n}; }}" for n in range(self.rng.randint(20, 80))]
        if self.planted_now():
            self.plant("insecure-transport", rel, "rejectUnauthorized false")
            body.append("const agent = new https.Agent({ rejectUnauthorized: false });")
        if self.recall_plant():
            self.plant("insecure-code", rel, "SQL from a template literal")
            body.append("export const find = (req) => pool.query(`SELECT * FROM patient WHERE mrn = '${req.query.mrn}'`);")
        if self.recall_plant():
            self.plant("insecure-code", rel, "shell command from request input")
            body.append("export const convert = (req) => require('child_process').exec('convert ' + req.body.file);")
        self.write(rel, "\n".join(body) + "\n")

    def java(self, rel: str) -> None:
        methods = [f"    int {self.word()}{n}(int x) {{ return x + {n}; }}" for n in range(self.rng.randint(10, 40))]
        if self.recall_plant():
            self.plant("insecure-code", rel, "MD5 for passwords")
            methods.append('    String hashPassword(String raw) throws Exception { return hex(MessageDigest.getInstance("MD5").digest(raw.getBytes())); }')
        if self.recall_plant():
            self.plant("phi-exposure", rel, "patient identifier logged")
            methods.append('    void link(Patient patient) { log.info("linked {}", patient.getIdentifierFirstRep().getValue()); }')
        self.write(rel, "public class Main {\n" + "\n".join(methods) + "\n}\n")

    def requirements(self, rel: str) -> None:
        self.write(rel, "requests==2.32.3\nflask==3.0.3\nsqlalchemy==2.0.30\n")

    def log(self, rel: str) -> None:
        lines = []
        for n in range(self.rng.randint(400, 1200)):
            stamp = f"2026-11-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:{(n * 7) % 60:02d}Z"
            if self.recall_rng.randrange(RATE * 80) == 0:  # an extra line: the main stream is untouched
                self.plant("phi-exposure", rel, "labelled patient name")
                first, last = self.recall_rng.choice(_FIRST_NAMES), self.recall_rng.choice(_LAST_NAMES)
                lines.append(f"{stamp} INFO triage patient={first} {last} ward={self.recall_rng.randint(1, 9)}B")
            if self.rng.randrange(RATE * 40) == 0:
                ssn = f"{self.rng.randint(100, 665)}-{self.rng.randint(10, 99)}-{self.rng.randint(1000, 9999)}"
                self.plant("phi-exposure", rel, f"ssn at line {n + 1}")
                lines.append(f"{stamp} INFO {self.word()} patient ssn={ssn} ward={self.rng.randint(1, 9)}B")
            else:
                lines.append(f"{stamp} INFO {self.word()} request_id={self.rng.getrandbits(32):08x} status={self.rng.choice(['ok', 'queued', 'done'])} latency_ms={self.rng.randint(1, 900)}")
        self.write(rel, "\n".join(lines) + "\n")


def generate(out: Path, megabytes: float, seed: int = 7) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(out, seed)
    target = int(megabytes * 1_000_000)
    i = 0
    while corpus.bytes < target:
        corpus.service(i)
        i += 1
    manifest = {
        "seed": seed,
        "megabytes": megabytes,
        "services": i,
        "bytes": corpus.bytes,
        "planted_by_category": dict(sorted(Counter(p["category"] for p in corpus.planted).items())),
        "planted": corpus.planted,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    manifest = generate(args.out, args.mb, args.seed)
    print(f"{manifest['services']} services, {manifest['bytes'] / 1e6:.1f} MB, planted: {manifest['planted_by_category']}")


if __name__ == "__main__":
    main()
