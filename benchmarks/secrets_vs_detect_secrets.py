"""hms-policy's secret rules against `detect-secrets scan`, on the same files, in one run.

    python benchmarks/secrets_vs_detect_secrets.py --generate 20        # deterministic 20 MB corpus
    python benchmarks/secrets_vs_detect_secrets.py --corpus DIR         # any tree, e.g. a fetched repo

The generated corpus is mixed source and configuration (Python, JavaScript and minified
bundles, TypeScript, Java, Go, YAML, JSON and lock files, properties, .env, XML, Markdown,
Terraform) with planted secrets and hard negatives (placeholders, references, vendor example
keys, hashes, UUIDs, lock-file integrity strings, inline images) at known lines, listed in
`manifest.json`. Both tools run as a user runs them (`detect-secrets scan --all-files
--no-verify DIR`; `hms-policy scan DIR --policy <SEC rules pack>`), each timed as one process, and
their findings are compared line by line (hms-policy runs a pack of its SEC rules, the ones
built on detect-secrets):

  * MB/s of each (corpus bytes / wall time) and the speed-up;
  * recall on the planted secrets and hits on the hard negatives, for both;
  * lines detect-secrets flags that hms-policy does not, outside the hard negatives ("lost").

An in-process figure for the secret engine alone (prefilter + plugins + filters, no
discovery or report) is printed too. Nothing is written inside the repository except
`benchmarks/.corpus/` and `benchmarks/out/` (both ignored by git).
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import random
import shutil
import string
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PLANT_RATE = 40  # about one line in PLANT_RATE of a file's "interesting" slots is a secret or a hard negative

WORDS = (
    "patient admission ward bed discharge triage pharmacy billing claim encounter lab order result vital chart "
    "nurse physician schedule referral consent allergy immunization observation procedure device location"
).split()
ALNUM = string.ascii_letters + string.digits


class Gen:
    """One corpus: files, planted lines and their expectations, from one seed."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.bytes = 0
        self.manifest: list[dict[str, object]] = []

    # -- values ---------------------------------------------------------------------------
    def token(self, n: int, chars: str = ALNUM) -> str:
        return "".join(self.rng.choice(chars) for _ in range(n))

    def random_key(self, n: int) -> str:
        """A base64-alphabet key whose Shannon entropy clears detect-secrets' 4.5 limit."""
        while True:
            key = self.token(n, ALNUM + "+/")
            counts = Counter(key)
            if -sum(c / n * math.log2(c / n) for c in counts.values()) > 4.6:
                return key

    def word(self) -> str:
        return self.rng.choice(WORDS)

    def ident(self) -> str:
        return "_".join(self.word() for _ in range(self.rng.randint(1, 3)))

    def secret_line(self, style: str) -> tuple[str, str]:
        """(line, what) for a planted secret in a file of `style`."""
        t = self.token
        q = '"'
        choices = [
            ("aws", f'AWS_ACCESS_KEY_ID = {q}AKIA{t(16, string.ascii_uppercase + string.digits)}{q}'),
            ("db-url", f'DATABASE_URL = {q}postgresql://{self.word()}_app:{t(14)}@db-{self.word()}.internal:5432/ehr{q}'),
            ("github", f'GITHUB_TOKEN = {q}ghp_{t(36)}{q}'),
            ("slack", f'SLACK_BOT = {q}xoxb-{t(11, string.digits)}-{t(13, string.digits)}-{t(24, string.ascii_lowercase + string.digits)}{q}'),
            ("stripe", f'STRIPE_KEY = {q}sk_live_{t(24)}{q}'),
            ("password", f'{self.word()}_password = {q}{t(6)}-{t(6)}!{q}'),
            ("client-secret", f'client_secret = {q}{t(40, ALNUM + "-_.~")}{q}'),
            ("google-api", f'MAPS_KEY = {q}AIza{t(35, ALNUM + "_-")}{q}'),
            ("jwt-secret", f'JWT_SECRET = {q}{t(48)}{q}'),
            ("azure", f'STORAGE = {q}DefaultEndpointsProtocol=https;AccountName={self.word()}store;AccountKey={base64.b64encode(self.rng.randbytes(64)).decode()};EndpointSuffix=core.windows.net{q}'),
            ("entropy", f'{self.word()}Signing = {q}{self.random_key(40)}{q}'),
            ("sendgrid", f'SENDGRID = {q}SG.{t(22, ALNUM + "_-")}.{t(43, ALNUM + "_-")}{q}'),
        ]
        what, line = self.rng.choice(choices)
        if style == "yaml":
            key, _, value = line.partition(" = ")
            line = f"  {key.lower()}: {value.strip(q)}"
        elif style == "js":
            line = "const " + line + ";"
        return line, what

    def negative_line(self, style: str) -> tuple[str, str]:
        q = '"'
        choices = [
            ("placeholder", f'password = {q}changeme{q}'),
            ("placeholder", f'api_key = {q}<your-api-key>{q}'),
            ("template", f'db_password = {q}${{DB_PASSWORD}}{q}'),
            ("template", f'secret = {q}{{{{ vault_secret }}}}{q}'),
            ("template", f'dsn = {q}postgresql://%(user)s:%(password)s@%(host)s/ehr{q}'),
            ("env", 'password = os.environ["DB_PASSWORD"]' if style != "js" else "password = process.env.DB_PASSWORD"),
            ("vault", f'db_password = {q}vault:secret/data/ehr#password{q}'),
            ("vendor-example", f'AWS_ACCESS_KEY_ID = {q}AKIAIOSFODNN7EXAMPLE{q}'),
            ("vendor-example", f'aws_secret_access_key = {q}wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY{q}'),
            ("hash", f'sha256 = {q}{self.token(64, "0123456789abcdef")}{q}'),
            ("hash", f'commit = {q}{self.token(40, "0123456789abcdef")}{q}'),
            ("uuid", f'secret_id = {q}{self.rng.randbytes(16).hex()[:8]}-4a1b-8c2d-9e3f-{self.token(12, "0123456789abcdef")}{q}'),
            ("image", f'logo = {q}data:image/png;base64,iVBORw0KGgo{self.token(60, ALNUM + "+/")}=={q}'),
            ("docs-url", f'url = {q}postgres://user:password@localhost:5432/dbname{q}'),
        ]
        what, line = self.rng.choice(choices)
        if style == "yaml":
            key, _, value = line.partition(" = ")
            line = f"  {key.lower()}: {value}"
        elif style == "js":
            line = "const " + line + ";"
        return line, what

    # -- files ----------------------------------------------------------------------------
    def write(self, rel: str, lines: list[str], planted: list[tuple[int, str, str]]) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "\n".join(lines) + "\n"
        path.write_text(text)
        self.bytes += len(text.encode())
        for number, kind, what in planted:
            self.manifest.append({"path": rel, "line": number, "kind": kind, "what": what})

    def maybe_plant(self, lines: list[str], planted: list[tuple[int, str, str]], style: str) -> None:
        roll = self.rng.randrange(PLANT_RATE)
        if roll == 0:
            line, what = self.secret_line(style)
            lines.append(line)
            planted.append((len(lines), "secret", what))
        elif roll == 1:
            line, what = self.negative_line(style)
            lines.append(line)
            planted.append((len(lines), "negative", what))

    def python(self, rel: str) -> None:
        lines = ['"""' + " ".join(self.word() for _ in range(8)) + '."""', "import logging", "import os", "", "log = logging.getLogger(__name__)", ""]
        planted: list[tuple[int, str, str]] = []
        for n in range(self.rng.randint(20, 60)):
            name = self.ident()
            lines += [
                f"def {name}_{n}(record, limit={self.rng.randint(1, 500)}):",
                f'    """Return the {self.word()} of one {self.word()} record."""',
                f'    value = record.get("{self.word()}_{self.word()}", {self.rng.randint(0, 9)})',
                f'    url = "https://{self.word()}.hospital.example/api/v2/{self.word()}/{n}"',
                f'    log.info("processed %s for {self.word()}", record.get("id"))',
                f"    return {{'{self.word()}': value, 'limit': limit, 'path': url}}",
                "",
            ]
            self.maybe_plant(lines, planted, "py")
        self.write(rel, lines, planted)

    def javascript(self, rel: str) -> None:
        lines = ['"use strict";', 'const express = require("express");', ""]
        planted: list[tuple[int, str, str]] = []
        for n in range(self.rng.randint(20, 60)):
            lines += [
                f"async function {self.word()}{n}(req, res) {{",
                f'  const data = await fetch(`/api/{self.word()}/${{req.params.id}}`, {{ headers: {{ "X-Request": "{self.word()}" }} }});',
                f'  res.json({{ status: "ok", {self.word()}: data.{self.word()} }});',
                "}",
                "",
            ]
            self.maybe_plant(lines, planted, "js")
        self.write(rel, lines, planted)

    def minified(self, rel: str) -> None:
        parts = [f'function {self.token(2, string.ascii_lowercase)}(a,b){{return a.{self.word()}+b["{self.word()}"]}}' for _ in range(self.rng.randint(500, 2000))]
        self.write(rel, [";".join(parts)], [])

    def java(self, rel: str) -> None:
        cls = self.word().capitalize() + "Service"
        lines = [f"package org.hospital.{self.word()};", "", f"public class {cls} {{"]
        planted: list[tuple[int, str, str]] = []
        for n in range(self.rng.randint(10, 40)):
            lines += [
                f"    public String {self.word()}{n}(String id) {{",
                f'        return repository.find("{self.word()}", id).map(r -> r.get{self.word().capitalize()}()).orElse("");',
                "    }",
            ]
            if self.rng.randrange(PLANT_RATE) == 0:
                lines.append(f'    private static final String DB_PASSWORD = "{self.token(12)}";')
                planted.append((len(lines), "secret", "password"))
        lines.append("}")
        self.write(rel, lines, planted)

    def go(self, rel: str) -> None:
        lines = ["package main", "", 'import "fmt"', ""]
        for n in range(self.rng.randint(10, 30)):
            lines += [f"func {self.word()}{n}(id string) string {{", f'\treturn fmt.Sprintf("{self.word()}/%s", id)', "}", ""]
        self.write(rel, lines, [])

    def yaml(self, rel: str) -> None:
        lines = ["app:", f"  name: {self.word()}-{self.word()}", "  replicas: 3"]
        planted: list[tuple[int, str, str]] = []
        for n in range(self.rng.randint(20, 60)):
            lines += [f"  {self.word()}_{n}:", f"    enabled: {self.rng.choice(['true', 'false'])}", f"    endpoint: https://{self.word()}.hospital.example/{self.word()}", f"    timeout: {self.rng.randint(1, 90)}s"]
            self.maybe_plant(lines, planted, "yaml")
        self.write(rel, lines, planted)

    def lockfile(self, rel: str) -> None:
        lines = ["{", '  "name": "portal",', '  "lockfileVersion": 3,', '  "packages": {']
        for n in range(self.rng.randint(50, 200)):
            name = f"{self.word()}-{self.word()}-{n}"
            lines += [
                f'    "node_modules/{name}": {{',
                f'      "version": "{self.rng.randint(0, 9)}.{self.rng.randint(0, 20)}.{self.rng.randint(0, 30)}",',
                f'      "resolved": "https://registry.npmjs.org/{name}/-/{name}.tgz",',
                f'      "integrity": "sha512-{base64.b64encode(self.rng.randbytes(64)).decode()}"',
                "    },",
            ]
        lines += ['    "": {}', "  }", "}"]
        self.write(rel, lines, [])

    def properties(self, rel: str) -> None:
        lines = [f"# {self.word()} settings"]
        planted: list[tuple[int, str, str]] = []
        for n in range(self.rng.randint(20, 50)):
            lines.append(f"{self.word()}.{self.word()}.{n}={self.word()}")
            if self.rng.randrange(PLANT_RATE) == 0:
                lines.append(f"spring.datasource.url=jdbc:mysql://db.internal:3306/ehr?user=app&password={self.token(12)}")
                planted.append((len(lines), "secret", "db-url"))
        self.write(rel, lines, planted)

    def markdown(self, rel: str) -> None:
        lines = [f"# {self.word().capitalize()} service", ""]
        for _ in range(self.rng.randint(10, 40)):
            lines.append(" ".join(self.word() for _ in range(self.rng.randint(5, 15))) + ".")
        lines += ["", "```sh", "export DB_PASSWORD=<your-password>", "psql postgres://user:password@localhost/ehr", "```"]
        self.write(rel, lines, [(len(lines) - 2, "negative", "placeholder"), (len(lines) - 1, "negative", "docs-url")])

    def project(self, i: int) -> None:
        base = f"p{i:04d}-{self.word()}"
        self.python(f"{base}/app/{self.word()}.py")
        self.python(f"{base}/app/{self.word()}_views.py")
        self.javascript(f"{base}/web/{self.word()}.js")
        if i % 4 == 0:
            self.minified(f"{base}/web/dist/bundle.min.js")
        self.java(f"{base}/src/main/java/{self.word().capitalize()}Service.java")
        self.go(f"{base}/cmd/main.go")
        self.yaml(f"{base}/config/application.yaml")
        self.properties(f"{base}/config/app.properties")
        self.markdown(f"{base}/README.md")
        if i % 3 == 0:
            self.lockfile(f"{base}/web/package-lock.json")


def generate(out: Path, megabytes: float, seed: int) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    gen = Gen(out, seed)
    i = 0
    while gen.bytes < megabytes * 1_000_000:
        gen.project(i)
        i += 1
    (out / "manifest.json").write_text(json.dumps({"seed": seed, "bytes": gen.bytes, "planted": gen.manifest}, indent=1))
    return out


# -- running the tools --------------------------------------------------------------------------
def corpus_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and p.name != "manifest.json" and ".git" not in p.parts)


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[:500]}")
    return wall, done.stdout


def tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def run_detect_secrets(corpus: Path) -> tuple[float, set[tuple[str, int]], Counter[str]]:
    wall, out = timed([tool("detect-secrets"), "scan", "--all-files", "--no-verify", "."], corpus)
    results = json.loads(out)["results"]
    lines = {(path, r["line_number"]) for path, entries in results.items() for r in entries}
    types = Counter(r["type"] for entries in results.values() for r in entries)
    return wall, lines, types


def secrets_pack() -> Path:
    """A pack of the SEC rules only: the rules built on detect-secrets (the `secret` category
    also holds bandit's and the Kubernetes/Dockerfile credential rules, which are other tools)."""
    ids = sorted(p.name.split("-", 1)[0] for p in (HERE.parent / "rules" / "secrets").glob("SEC*.yaml"))
    OUT.mkdir(exist_ok=True)
    path = OUT / "secrets-only-pack.yaml"
    path.write_text(
        'id: secrets-bench\nversion: "1"\ntitle: SEC rules only (benchmark)\ncontrols:\n'
        f"  - id: secrets\n    title: Committed credentials\n    rules: [{', '.join(ids)}]\n"
    )
    return path


def run_hms(corpus: Path, jobs: int) -> tuple[float, set[tuple[str, int]], Counter[str]]:
    command = [
        tool("hms-policy"), "scan", ".", "--policy", str(secrets_pack()), "--preview", "--format", "json", "--no-cache",
        "--fail-on", "none", "--jobs", str(jobs), "--exclude", "manifest.json", "--no-gitignore",
    ]
    wall, out = timed(command, corpus)
    findings = json.loads(out)["findings"]
    lines = {(f["path"], f["line"]) for f in findings}
    rules = Counter(f["rule_id"] for f in findings)
    return wall, lines, rules


def engine_only(corpus: Path) -> float:
    """The secret engine alone, in this process: read, decode, prefilter, plugins, filters."""
    sys.path.insert(0, str(HERE.parent))
    from hms_policy.adapters.detect_secrets import _scanner
    from hms_policy.targets.kinds import classify

    scanner = _scanner()
    files = [p for p in corpus.rglob("*") if p.is_file() and p.name != "manifest.json" and ".git" not in p.parts]
    start = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue
        rel = path.relative_to(corpus).as_posix()
        scanner.scan(rel, data.decode("utf-8", "replace").splitlines(), classify(rel, data[:8192]))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--generate", type=float, metavar="MB", help="generate a deterministic corpus of about MB megabytes")
    source.add_argument("--corpus", type=Path, metavar="DIR", help="scan an existing tree")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="hms-policy workers for the second hms run")
    args = parser.parse_args()

    corpus = generate(HERE / ".corpus" / f"secrets-{args.generate:g}mb-s{args.seed}", args.generate, args.seed) if args.generate else args.corpus.resolve()
    size = corpus_bytes(corpus)
    mb = size / 1_000_000
    from hms_policy.secrets.prefilter import ENGINE

    print(f"corpus: {corpus} ({mb:.1f} MB, {sum(1 for p in corpus.rglob('*') if p.is_file())} files); prefilter engine: {ENGINE}")

    ds_wall, ds_lines, ds_types = run_detect_secrets(corpus)
    hms1_wall, hms_lines, hms_rules = run_hms(corpus, 1)
    hmsn_wall, _, _ = run_hms(corpus, args.jobs)
    engine_wall = engine_only(corpus)

    rows = [
        ("detect-secrets scan --all-files --no-verify", ds_wall),
        ("hms-policy scan (SEC rules) --jobs 1", hms1_wall),
        (f"hms-policy scan (SEC rules) --jobs {args.jobs}", hmsn_wall),
        ("hms-policy secret engine alone, in-process", engine_wall),
    ]
    print(f"\n{'run':48} {'wall s':>8} {'MB/s':>8} {'vs detect-secrets':>18}")
    for name, wall in rows:
        print(f"{name:48} {wall:8.2f} {mb / wall:8.2f} {ds_wall / wall:17.1f}x")

    payload: dict[str, object] = {
        "corpus": str(corpus), "megabytes": mb, "prefilter_engine": ENGINE,
        "wall_s": {name: wall for name, wall in rows}, "mb_per_s": {name: mb / wall for name, wall in rows},
        "detect_secrets_types": dict(ds_types), "hms_rules": dict(hms_rules),
    }
    manifest = corpus / "manifest.json"
    negatives: set[tuple[str, int]] = set()
    if manifest.is_file():
        planted = json.loads(manifest.read_text())["planted"]
        secrets = {(p["path"], p["line"]) for p in planted if p["kind"] == "secret"}
        negatives = {(p["path"], p["line"]) for p in planted if p["kind"] == "negative"}
        for name, found in (("detect-secrets", ds_lines), ("hms-policy", hms_lines)):
            hit = len(secrets & found)
            fp = len(negatives & found)
            print(f"{name:15} planted secrets found {hit}/{len(secrets)} ({100 * hit / max(1, len(secrets)):.1f}%), hard negatives flagged {fp}/{len(negatives)}")
            payload[f"{name}_recall"] = hit / max(1, len(secrets))
            payload[f"{name}_hard_negatives_flagged"] = fp
        missed_by_ds = Counter(p["what"] for p in planted if p["kind"] == "secret" and (p["path"], p["line"]) not in ds_lines)
        print(f"planted secrets detect-secrets misses, by kind: {dict(missed_by_ds)}")
    lost = sorted((ds_lines - hms_lines) - negatives)
    print(f"lines detect-secrets flags and hms-policy does not (hard negatives excluded): {len(lost)}")
    for path, line in lost[:15]:
        print(f"  {path}:{line}")
    payload["lost_lines"] = len(lost)
    OUT.mkdir(exist_ok=True)
    (OUT / "secrets-vs-detect-secrets.json").write_text(json.dumps(payload, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
