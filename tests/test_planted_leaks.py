"""Generated plants: many token shapes, short and long, next to PHI on one line, in every
file kind a secret lives in. None of them may reach any output: every format, the CLI's
stdout and stderr, the result cache, a baseline, the signed payload.

A planted secret may show at most its last four characters, so no 8-character piece of its
body may appear anywhere; a PHI value may show at most the tail its type allows.
"""

from __future__ import annotations

import base64
import json
import random
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from hms_policy.cli import main
from hms_policy.report.formats import FORMATS

_RNG = random.Random(11)
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
HEX = "0123456789abcdef"
B32 = string.ascii_uppercase + "234567"


def _r(n: int, alphabet: str = ALNUM) -> str:
    # Starts and ends with a letter and holds a digit: random-looking whatever the draw.
    body = "".join(_RNG.choice(alphabet) for _ in range(n - 3))
    return _RNG.choice(string.ascii_letters) + "7" + body + _RNG.choice(string.ascii_uppercase)


@dataclass(frozen=True)
class Plant:
    shape: str
    value: str  # as written in the file
    body: str  # the part that is secret (type prefixes are not)


def _plant(shape: str, prefix: str, body: str, suffix: str = "") -> Plant:
    return Plant(shape, prefix + body + suffix, body)


def secret_plants() -> list[Plant]:
    jwt_head = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    return [
        _plant("aws-access-key", "AKIA", _r(16, B32).upper()),
        _plant("aws-secret", "", _r(40, B64)),
        _plant("github-ghp", "ghp_", _r(36)),
        _plant("github-gho", "gho_", _r(36)),
        _plant("github-ghs", "ghs_", _r(36)),
        _plant("github-pat", "github_pat_", _r(22) + "_" + _r(59)),
        _plant("gitlab-pat", "glpat-", _r(20)),
        _plant("slack-bot", "xoxb-", "1234567890-123456789012-" + _r(24)),
        _plant("slack-user", "xoxp-", "1234567890-123456789012-123456789012-" + _r(32, HEX)),
        _plant("stripe-live", "sk_live_", _r(24)),
        _plant("stripe-live-long", "sk_live_", _r(99)),
        _plant("stripe-restricted", "rk_live_", _r(24)),
        _plant("twilio-account", "AC", _r(32, HEX)),
        _plant("twilio-key", "SK", _r(32, HEX)),
        _plant("sendgrid", "SG.", _r(22) + "." + _r(43)),
        _plant("npm", "npm_", _r(36)),
        _plant("pypi", "pypi-AgEIcHlwaS5vcmc", _r(70)),
        _plant("jwt", jwt_head + ".", _r(40) + "." + _r(43)),
        _plant("artifactory", "AKC", _r(70)),
        _plant("mailchimp", "", _r(32, HEX), "-us12"),
        _plant("openai", "sk-" + _r(20) + "T3BlbkFJ", _r(20)),  # the marker is base64 of "OpenAI": public
        _plant("square", "sq0csp-", _r(43)),
        _plant("discord", "M", _r(23) + "." + _r(6) + "." + _r(27)),
        _plant("telegram", "123456789:", "AA" + _r(33)),
        _plant("azure-storage", "", _r(86, B64), "=="),
        _plant("hex-entropy", "", _r(40, HEX)),
        _plant("base64-entropy", "", _r(44, B64)),
        _plant("password-short", "", _r(10)),
        _plant("password-long", "", _r(32)),
        _plant("basic-auth-password", "", _r(14)),
    ]


# PHI on the same lines: (value as written, pieces that must never appear).
PHI = {
    "ssn": ("536-22-1947", ["536-22-1947", "536221947", "536-22"]),
    "nhs": ("4010232137", ["4010232137", "401023"]),
    "aadhaar": ("2341 2341 2346", ["2341 2341 2346", "234123412346", "2341 2341"]),
    "email": ("adaeze.okafor@example.org", ["adaeze.okafor@", "adaeze.okafor"]),
    "phone": ("+1 312-867-5309", ["312-867", "867-5309", "3128675309"]),
    "name": ("Adaeze Okafor", ["Adaeze", "Okafor"]),
    "dob": ("1984-03-17", ["1984-03-17", "19840317"]),
}
_PHI_KV = 'ssn={ssn} nhs={nhs} aadhaar="{aadhaar}" email={email} phone="{phone}" patient_name="{name}" dob={dob}'.format(
    **{k: v for k, (v, _) in PHI.items()}
)


def _secret_line(kind: str, plant: Plant) -> str:
    """One line carrying `plant` where a detector (or the keyword rules) will see it."""
    if plant.shape == "basic-auth-password":
        return {
            ".py": f'DB = "postgres://admin:{plant.value}@db.internal:5432/ehr"  # {_PHI_KV}',
            ".env": f"DATABASE_URL=postgres://admin:{plant.value}@db.internal/ehr PATIENT_SSN={PHI['ssn'][0]}",
            ".log": f"INFO connect postgres://admin:{plant.value}@db.internal/ehr {_PHI_KV}",
            ".json": f'{{"url": "postgres://admin:{plant.value}@db.internal/ehr", "ssn": "{PHI["ssn"][0]}", "patient_name": "{PHI["name"][0]}"}}',
            ".yaml": f'url: "postgres://admin:{plant.value}@db.internal/ehr"  # patient ssn {PHI["ssn"][0]}',
        }[kind]
    key = "password" if plant.shape.startswith("password") else "api_secret_token"
    return {
        ".py": f'{key} = "{plant.value}"  # {_PHI_KV}',
        ".env": f'{key.upper()}={plant.value} PATIENT_SSN={PHI["ssn"][0]} PATIENT_EMAIL={PHI["email"][0]}',
        ".log": f"INFO GET /v1/patients?{key}={plant.value}&ssn={PHI['ssn'][0]} {_PHI_KV}",
        ".json": f'{{"{key}": "{plant.value}", "ssn": "{PHI["ssn"][0]}", "patient_name": "{PHI["name"][0]}", "dob": "{PHI["dob"][0]}"}}',
        ".yaml": f'patient: {{{key}: "{plant.value}", ssn: "{PHI["ssn"][0]}", patient_name: "{PHI["name"][0]}", dob: {PHI["dob"][0]}}}',
    }[kind]


KINDS = (".py", ".env", ".log", ".json", ".yaml")
PRIVATE_KEY_BODY = [_r(64, B64) for _ in range(3)]


def write_corpus(root: Path) -> list[Plant]:
    """One file per kind and shape: one line each, so every line's findings are its own."""
    plants = secret_plants()
    for kind in KINDS:
        for plant in plants:
            name = f"{plant.shape}{kind}" if kind != ".env" else f"{plant.shape}.env"
            (root / kind.strip(".") / name).parent.mkdir(parents=True, exist_ok=True)
            (root / kind.strip(".") / name).write_text(_secret_line(kind, plant) + "\n")
    key = "\n".join(["-----BEGIN RSA PRIVATE KEY-----", *PRIVATE_KEY_BODY, "-----END RSA PRIVATE KEY-----"])
    (root / "py" / "deploy_key.pem").write_text(key + "\n")
    _code_rule_files(root, plants)
    (root / "log" / "url.log").write_text(
        f"WARN redirect https://{PHI['email'][0].split('@')[0]}:{plants[2].value}@git.example.org/x?nhs={PHI['nhs'][0]}\n"
    )
    _write_lock_files(root / "deps", plants)
    return plants + [Plant("private-key", line, line) for line in PRIVATE_KEY_BODY]


def _write_lock_files(folder: Path, plants: list[Plant]) -> None:
    """Credentials in registry URLs of manifests and lock files: the SBOM (`--format
    cyclonedx`), which lists every component of these files, must not carry them."""
    folder.mkdir()
    token = plants[4].value  # a GitLab token, as in a private registry URL
    (folder / "requirements.txt").write_text(f"--extra-index-url https://deploy:{token}@pypi.internal/simple\nrequests==2.31.0\n")
    (folder / "yarn.lock").write_text(
        f'# yarn lockfile v1\n\n\nlodash@^4.17.21:\n  version "4.17.21"\n  resolved "https://ci:{token}@npm.internal/lodash/-/lodash-4.17.21.tgz"\n'
    )
    lock = {"packages": [{"name": "acme/emr", "version": "1.0.0", "dist": {"type": "zip", "url": f"https://x:{token}@php.internal/emr.zip"}}]}
    (folder / "composer.lock").write_text(json.dumps(lock, indent=4) + "\n")


def _code_rule_files(root: Path, plants: list[Plant]) -> None:
    """Values on the lines of the rules that show code (Dockerfile ENV/ARG, Java and
    JavaScript syntax-tree rules, PHI in logs): the snippet must still hide them."""
    by_shape = {p.shape: p.value for p in plants}
    ssn, name = PHI["ssn"][0], PHI["name"][0]
    (root / "docker").mkdir(exist_ok=True)
    (root / "docker" / "Dockerfile").write_text(
        "FROM python:3.12-slim\n"
        f"ENV DB_PASSWORD={by_shape['password-long']} PATIENT_SSN={ssn}\n"
        f"ARG API_TOKEN={by_shape['password-short']}\n"
        f"ENV GH_TOKEN={by_shape['github-ghp']}\n"
        "USER 10001\n"
    )
    (root / "java").mkdir(exist_ok=True)
    (root / "java" / "Repo.java").write_text(
        "class Repo {\n"
        "  void f(String n, HttpServletRequest request, String password) throws Exception {\n"
        f"    stmt.executeQuery(\"SELECT * FROM patient WHERE ssn = '{ssn}' AND secret = '{by_shape['password-long']}' AND name = \" + n);\n"
        f"    Runtime.getRuntime().exec(\"notify {ssn} \" + request.getParameter(\"q\"));\n"
        f"    log.info(\"ssn={ssn} patient_name=\\\"{name}\\\" \" + patient.getIdentifierFirstRep().getValue());\n"
        f"    String h = DigestUtils.md5Hex(password); String apiSecret = \"{by_shape['password-long']}\";\n"
        "  }\n}\n"
    )
    (root / "js").mkdir(exist_ok=True)
    (root / "js" / "db.js").write_text(
        f"app.get('/x', (req, res) => pool.query(`SELECT * FROM patient WHERE ssn = '{ssn}' AND token = '{by_shape['password-long']}' AND mrn = ${{req.query.mrn}}`));\n"
    )


def forbidden(plants: list[Plant]) -> list[tuple[str, str]]:
    """(what, text) pairs no output may contain."""
    out = [(p.shape, p.value) for p in plants]
    for p in plants:
        out += [(f"{p.shape} body", p.body[i : i + 8]) for i in range(len(p.body) - 7)]
    out += [(f"phi {k}", piece) for k, (_, pieces) in PHI.items() for piece in pieces]
    return out


def leaks(text: str, bad: list[tuple[str, str]]) -> list[str]:
    """Which plants show in `text`; the text's 8-character windows are indexed once, so a few
    thousand pieces against a large report stay fast."""
    windows = {text[i : i + 8] for i in range(len(text) - 7)}

    def shows(piece: str) -> bool:
        return piece[:8] in windows and piece in text if len(piece) >= 8 else piece in text

    return sorted({what for what, piece in bad if shows(piece)})


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Every output of the CLI over the generated corpus, read back as text."""
    base = tmp_path_factory.mktemp("plants")
    root, out, cache = base / "repo", base / "out", base / "cache"
    root.mkdir()
    out.mkdir()
    plants = write_corpus(root)
    texts: dict[str, str] = {}
    # preview rules too: no rule, default or not, may leak a planted value
    common = [str(root), "--jobs", "1", "--cache-dir", str(cache), "--fail-on", "none", "--preview"]
    for name in FORMATS:
        assert main(["scan", *common, "--format", name, "--output", str(out / f"report.{name}")]) == 0
        texts[f"--format {name}"] = (out / f"report.{name}").read_text()
    # one scan, every format at once (--output-format), and a hook-style run on named files
    extra = [a for name in FORMATS for a in ("--output-format", f"{name}:{out / ('multi.' + name)}")]
    assert main(["scan", *common, "--quiet", "-o", str(out / "quiet.txt"), *extra]) == 0
    texts["--quiet"] = (out / "quiet.txt").read_text()
    for name in FORMATS:
        texts[f"--output-format {name}"] = (out / f"multi.{name}").read_text()
    named = [str(p) for p in sorted(root.rglob("*")) if p.is_file()][:12]
    assert main(["scan", *named, *common[1:], "--controls", "-o", str(out / "hook.txt")]) == 0
    texts["hook with --controls"] = (out / "hook.txt").read_text()
    assert main(["keygen", "--out", str(base / "k")]) == 0
    assert main(["scan", *common, "--format", "json", "--sign-key", str(base / "k.key"), "--attestation", str(out / "att.json")]) == 0
    envelope = json.loads((out / "att.json").read_text())
    texts["envelope"] = json.dumps(envelope)
    texts["signed payload"] = base64.b64decode(envelope["payload"]).decode("utf-8")
    assert main(["baseline", "create", "--baseline", str(out / "baseline.json"), "--cache-dir", str(cache), "--jobs", "1", str(root)]) == 0
    texts["baseline"] = (out / "baseline.json").read_text()
    for path in sorted(p for p in cache.rglob("*") if p.is_file()):
        texts[f"cache {path.name}"] = path.read_bytes().decode("utf-8", "replace")
    assert any(k.startswith("cache ") for k in texts), "the scan wrote no cache: the cache check would be vacuous"
    report = json.loads(texts["--format json"])
    return {"plants": plants, "texts": texts, "report": report, "root": root, "common": common}


def test_every_planted_line_is_reported(scanned: dict[str, object]) -> None:
    """Guards the leak checks against passing vacuously: each plant's file has a finding."""
    report = scanned["report"]
    assert isinstance(report, dict)
    reported = {f["path"] for f in report["findings"]}
    missing = [f"{k.strip('.')}/{p.shape}{k}" for k in KINDS for p in scanned["plants"][:-3]  # type: ignore[index]
               if f"{k.strip('.')}/{p.shape}{k}" not in reported]
    assert len(missing) <= len(KINDS) * 3, f"too few plants are found at all: {missing}"
    rules = {(f["path"], f["rule_id"]) for f in report["findings"]} | {
        (f["path"], also) for f in report["findings"] for also in (f.get("extra") or {}).get("also_rules", [])
    }
    for expected in [("docker/Dockerfile", "DKR007"), ("java/Repo.java", "JAVA020"), ("java/Repo.java", "JAVA022"), ("java/Repo.java", "JAVA021"), ("js/db.js", "JS020")]:
        assert expected in rules, expected


def test_no_planted_value_reaches_any_output(scanned: dict[str, object]) -> None:
    bad = forbidden(scanned["plants"])  # type: ignore[arg-type]
    found = {name: leaks(text, bad) for name, text in scanned["texts"].items()}  # type: ignore[attr-defined]
    assert not {k: v for k, v in found.items() if v}, "planted values leaked"


def test_cli_stdout_and_stderr_leak_nothing(scanned: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    bad = forbidden(scanned["plants"])  # type: ignore[arg-type]
    for name in ("text", "json", "sarif"):
        main(["scan", *scanned["common"], "--format", name])  # type: ignore[misc]
        captured = capsys.readouterr()
        assert captured.out and not leaks(captured.out + captured.err, bad)


def test_masks_keep_at_most_the_last_four(scanned: dict[str, object]) -> None:
    """A masked secret is the mask plus at most four characters, whatever the token's shape."""
    report = scanned["report"]
    assert isinstance(report, dict)
    for finding in report["findings"]:
        for piece in finding["snippet"].split("********")[1:]:
            tail = piece.split('"')[0].split(" ")[0]
            assert not (len(tail) > 4 and any(tail in p.body for p in scanned["plants"])), finding  # type: ignore[attr-defined]


def test_the_sbom_lists_the_planted_lock_files(scanned: dict[str, object]) -> None:
    """Guards the SBOM's leak check against passing vacuously: its components are there."""
    sbom = scanned["texts"]["--format cyclonedx"]  # type: ignore[index]
    for purl in ("pkg:pypi/requests@2.31.0", "pkg:npm/lodash@4.17.21", "pkg:composer/acme/emr@1.0.0"):
        assert purl in sbom


def test_deidentify_leaves_no_planted_phi_and_prints_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`hms-policy deidentify` over the corpus: no planted PHI value (the e-mail is already at a
    reserved example domain, so it stays) in any written file, the manifest, stdout or stderr,
    and the key nowhere."""
    root, out = tmp_path / "repo", tmp_path / "out"
    root.mkdir()
    write_corpus(root)
    key = "planted-leaks-key-" + _r(20)
    assert main(["deidentify", str(root), "--out", str(out), "--key", key]) == 0
    captured = capsys.readouterr()
    bad = [(f"phi {k}", piece) for k, (_, pieces) in PHI.items() if k != "email" for piece in pieces] + [("key", key)]
    texts = {str(p.relative_to(out)): p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file()}
    texts["stdout+stderr"] = captured.out + captured.err
    found = {name: leaks(text, bad) for name, text in texts.items()}
    assert not {k: v for k, v in found.items() if v}, "planted PHI survived de-identification"
