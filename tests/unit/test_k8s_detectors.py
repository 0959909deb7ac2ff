"""Detector-level checks for the Kubernetes, compose, Helm and Dockerfile rules: value
judgements, compose port syntax, multi-stage Dockerfiles, cross-file grouping, redaction."""

from __future__ import annotations

from pathlib import Path

import pytest

import hms_policy
from hms_policy.detectors.iac.compose import _published
from hms_policy.detectors.iac.infra_values import image_problem, insecure_health_urls, is_placeholder, literal_credential, secret_like_name
from hms_policy.report.formats import FORMATS, render

RULES = Path(__file__).resolve().parents[1] / "rules"


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("nginx", "untagged"), ("nginx:latest", "latest"), ("registry.example.org:5000/app", "untagged"),
        # built on the build machine, never pulled: Podman's localhost/, a registry on the machine
        ("localhost:5000/app", None), ("localhost/app", None), ("local-only/base:latest", None), ("localstack/localstack", "untagged"),
        ("ghcr.io/a/b:latest", "latest"), ("nginx:1.27", None), ("a/b@sha256:" + "a" * 64, None),
        ("${IMAGE}", None), ("$(IMAGE)", None), ("scratch", None), (None, None),
    ],
)
def test_image_problem(ref: object, problem: str | None) -> None:
    assert image_problem(ref) == problem


@pytest.mark.parametrize(
    ("name", "secret"),
    [("DB_PASSWORD", True), ("spring.datasource.password", True), ("GITHUB_TOKEN", True), ("API_KEY", True),
     ("PASSWORD_FILE", False), ("TOKEN_URL", False), ("PWD", False), ("TOKENIZER", False), ("CLIENT_ID", False),
     ("SECRET_NAME", False), ("PASSWORD_MIN_LENGTH", False)],
)
def test_secret_like_names(name: str, secret: bool) -> None:
    assert secret_like_name(name) is secret


@pytest.mark.parametrize(
    "value", ["", "${DB_PASSWORD}", "$(PW)", "{{ .Values.pw }}", "<password>", "changeme", "xxxxxxxx", "INSERT_TOKEN",
              "GOOGLE_API_KEY_VAL", "your-password", "ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]", None],
)
def test_placeholders(value: object) -> None:
    assert is_placeholder(value)
    assert not literal_credential("DB_PASSWORD", value)


def test_literal_credentials() -> None:
    assert literal_credential("DB_PASSWORD", "Synthetic-NotReal-9941")
    assert literal_credential("DATABASE_URL", "postgres://u:Synthetic-Pass-1@db/x")
    assert not literal_credential("DATABASE_URL", "postgres://u:${PW}@db/x")
    assert not literal_credential("DB_PASSWORD", "/run/secrets/db")
    assert not literal_credential("LOG_LEVEL", "debug")


@pytest.mark.parametrize(
    ("text", "hosts"),
    [
        ("http://fhir:8080/fhir", ["fhir"]),
        ("x http://emr.stmarys-health.org/api y", ["emr.stmarys-health.org"]),
        ("http://billing:8080/api/patients/1", ["billing"]),
        ("https://fhir/fhir", []), ("http://localhost:8080/fhir", []), ("http://127.0.0.1/fhir", []),
        ("http://hl7.org/fhir/StructureDefinition/Patient", []), ("http://fhir.example.com/R4", []),
        ("http://prometheus:9090/metrics", []), ("http://fhir.127.0.0.1.nip.io/fhir", []),
    ],
)
def test_health_urls(text: str, hosts: list[str]) -> None:
    assert [h for _, _, h in insecure_health_urls(text)] == hosts


@pytest.mark.parametrize(
    ("entry", "ports", "ip"),
    [
        ("5432:5432", [5432], ""), ("5432", [5432], ""), (5432, [5432], ""), ("0.0.0.0:5432:5432", [5432], "0.0.0.0"),
        ("127.0.0.1:5432:5432", [5432], "127.0.0.1"), ("[::1]:5432:5432", [5432], "::1"),
        ("${BIND:-127.0.0.1}:5432:5432", [5432], "127.0.0.1"), ("${BIND}:5432:5432", [5432], None),
        ("${PORT}:5432", [5432], ""), ("5432-5434:5432-5434/tcp", [5432, 5433, 5434], ""),
        ({"target": 5432, "published": 5432}, [5432], ""), ({"target": 5432, "host_ip": "127.0.0.1"}, [5432], "127.0.0.1"),
    ],
)
def test_compose_port_syntax(entry: object, ports: list[int], ip: str | None) -> None:
    assert _published(entry) == (ports, ip)


def _scan(tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return hms_policy.scan([tmp_path], jobs=1)


def test_network_policy_coverage_is_judged_within_a_directory_only(tmp_path: Path) -> None:
    ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: records}\n"
    app = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: records}\nspec: {template: {spec: {containers: [{name: a, image: 'a:1'}]}}}\n"
    report = _scan(tmp_path, {"base/ns.yaml": ns, "apps/app.yaml": app})  # workloads elsewhere: not judged
    assert not [f for f in report.findings if f.rule_id == "K8S060"]
    report = _scan(tmp_path, {"base/app.yaml": app})
    assert [f.path for f in report.findings if f.rule_id == "K8S060"] == ["base/ns.yaml"]


def test_dockerfile_stage_names_are_not_images_and_users_inherit(tmp_path: Path) -> None:
    report = _scan(
        tmp_path,
        {"Dockerfile": "ARG BASE=python:3.12-slim\nFROM ${BASE} AS Base\nUSER 10001\nFROM base AS test\nRUN pytest\nFROM test\nCMD [\"app\"]\n"},
    )
    assert not [f for f in report.findings if f.rule_id in ("DKR001", "DKR002")]


SECRET_LITERALS = [
    "Synthetic-NotReal-9941", "U3ludGhldGljLU5vdFJlYWwtOTk0MQ==", "synthetic-fhir-client-secret-7731",
    "synthetic-inline-token-5512", "c3ludGhldGljLWZsb3cta2V5LTMzMjE=", "Synthetic-Url-Pass-1234",
    "synthetic-configmap-secret-8812", "ghp_SyntheticNotRealToken", "synthetic legacy form secret",
]


@pytest.mark.parametrize("fixture", ["K8S010/bad.yaml", "K8S011/bad.yaml", "DKR005/bad.Dockerfile"])
def test_committed_secret_values_never_reach_any_output(fixture: str, tmp_path: Path) -> None:
    target = tmp_path / Path(fixture).name
    target.write_bytes((RULES / fixture).read_bytes())
    report = hms_policy.scan([tmp_path], jobs=1)
    assert {f.rule_id for f in report.findings} & {"K8S010", "K8S011", "DKR005"}
    for name in FORMATS:
        output = render(report, name)
        output = output if isinstance(output, str) else output.decode("utf-8", "replace")
        for value in SECRET_LITERALS:
            assert value not in output, f"{value!r} leaked into {name}"
