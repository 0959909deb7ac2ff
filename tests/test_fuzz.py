"""Property-based robustness: arbitrary bytes, deep nesting and huge lines never make a parser,
a detector or a whole scan raise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hms_policy
from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, SourceFile
from hms_policy.targets.parsers import parser_for

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

STRUCTURED = [
    (TargetKind.TERRAFORM, "main.tf"),
    (TargetKind.TERRAFORM, "vars.tfvars"),
    (TargetKind.TERRAFORM, "plan.json"),
    (TargetKind.KUBERNETES, "k.yaml"),
    (TargetKind.COMPOSE, "docker-compose.yml"),
    (TargetKind.CLOUDFORMATION, "t.yaml"),
    (TargetKind.HELM_VALUES, "values.yaml"),
    (TargetKind.DOCKERFILE, "Dockerfile"),
    (TargetKind.CONFIG, "c.json"),
]

# Fragments that steer random text toward each grammar's interesting corners.
FRAGMENTS = st.sampled_from([
    'resource "a" "b" {', "}", "{", "[", "]", "= ", '"${var.x}"', "<<EOT\n", "EOT\n", "dynamic \"x\" {",
    "apiVersion: v1\n", "kind: Pod\n", "---\n", "- ", ": ", "&a ", "*a ", "!Ref ", "\t", "\\\n", "FROM x AS y\n",
    "RUN a \\\n", "USER\n", "\x00", "\ufeff", "#", "\"", "'", "\n", "    ",
])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=60).map("".join)


def document(kind: TargetKind, name: str, data: bytes) -> Document:
    return Document(SourceFile(name, kind, len(data), "", data), parser_for(kind, name))


@pytest.mark.parametrize(("kind", "name"), STRUCTURED, ids=[n for _, n in STRUCTURED])
@FAST
@given(text=TEXT)
def test_parsers_never_raise(kind: TargetKind, name: str, text: str) -> None:
    doc = document(kind, name, text.encode("utf-8", "surrogatepass"))
    nodes = doc.nodes  # a parse failure is an error entry, never an exception
    assert isinstance(nodes, list)
    assert all(e.reason in ("parse", "decode", "template") for e in doc.errors)  # `{{` reads as a template


@pytest.mark.parametrize(("kind", "name"), STRUCTURED, ids=[n for _, n in STRUCTURED])
@FAST
@given(data=st.binary(max_size=400))
def test_parsers_survive_arbitrary_bytes(kind: TargetKind, name: str, data: bytes) -> None:
    assert isinstance(document(kind, name, data).nodes, list)


@pytest.mark.parametrize("depth", [50, 500, 5000])
def test_deep_nesting_is_bounded(depth: int) -> None:
    for kind, name, text in [
        (TargetKind.CONFIG, "c.json", "[" * depth + "]" * depth),
        (TargetKind.KUBERNETES, "k.yaml", "apiVersion: v1\nkind: Pod\nspec: " + "[" * depth + "]" * depth + "\n"),
        (TargetKind.TERRAFORM, "main.tf", 'locals {\n  x = ' + "[" * depth + "]" * depth + "\n}\n"),
    ]:
        doc = document(kind, name, text.encode())
        assert isinstance(doc.nodes, list)


NAMES = st.sampled_from(["main.tf", "app.py", "k8s.yaml", "Dockerfile", "docker-compose.yml", "app.log", "data.csv",
                         "client.js", "Main.java", "requirements.txt", "package.json", ".env", "notes.txt", "t.json"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=st.dictionaries(NAMES, st.one_of(TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)), min_size=1, max_size=5))
def test_whole_scan_never_raises(tmp_path_factory: pytest.TempPathFactory, files: dict[str, bytes]) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    for name, data in files.items():
        (root / name).write_bytes(data)
    report = hms_policy.scan([root], jobs=1, settings={"policy": ["hipaa", "gdpr", "ndhm"]})
    assert report.target.files_scanned + len([e for e in report.errors if e.reason in ("binary", "too-large", "unreadable")]) >= 1
    assert not [e for e in report.errors if e.reason == "detector"], [e.message for e in report.errors if e.reason == "detector"]


def test_huge_single_line_log(tmp_path: Path) -> None:
    (tmp_path / "huge.log").write_bytes(b"patient ssn=512-34-8891 " + b"x" * (3 * 1024 * 1024) + b"\n")
    report = hms_policy.scan([tmp_path], jobs=1, settings={"policy": ["hipaa"]})
    assert report.target.files_scanned == 1
