"""Kubernetes, Helm and compose targets: classification, templates, bombs, big manifests."""

from __future__ import annotations

from pathlib import Path

import pytest

import hms_policy
from hms_policy.model import TargetKind
from hms_policy.targets.kinds import classify

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata: {{name: api-{i}, namespace: hms}}
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:latest
"""


@pytest.mark.parametrize(
    ("path", "head", "in_chart", "kind"),
    [
        ("chart/values.yaml", b"image: {tag: x}\n", True, TargetKind.HELM_VALUES),
        ("chart/values-prod.yaml", b"a: 1\n", True, TargetKind.HELM_VALUES),
        ("chart/ci/prod.values.yml", b"a: 1\n", True, TargetKind.HELM_VALUES),
        ("chart/values.schema.json", b'{"$schema": "x"}', True, TargetKind.CONFIG),
        ("values.yaml", b"a: 1\n", False, TargetKind.CONFIG),
        ("chart/templates/deploy.yaml", b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{.Release.Name}}\n", True, TargetKind.TEXT),
        ("chart/templates/static.yaml", b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", True, TargetKind.KUBERNETES),
        ("chart/templates/values.yaml", b"{{ toYaml .Values }}\n", True, TargetKind.TEXT),
        ("k8s/deploy.yaml", b"apiVersion: apps/v1\nkind: Deployment\n", False, TargetKind.KUBERNETES),
        # deeper than the Chart.yaml look-up reaches: still a template
        ("c/templates/a/b/c/job.yaml", b"{{- if .Values.job }}\napiVersion: batch/v1\nkind: Job\n", False, TargetKind.TEXT),
        ("k8s/rules.yaml", b"apiVersion: v1\nkind: ConfigMap\ndata:\n  msg: '{{ $labels.pod }} down'\n", False, TargetKind.KUBERNETES),
        ("docker-compose.prod.yml", b"services: {}\n", False, TargetKind.COMPOSE),
        ("build/api.Dockerfile", b"FROM x\n", False, TargetKind.DOCKERFILE),
    ],
)
def test_classification(path: str, head: bytes, in_chart: bool, kind: TargetKind) -> None:
    assert classify(path, head, in_helm_chart=in_chart) is kind


def _chart(root: Path) -> None:
    chart = root / "charts" / "records"
    (chart / "templates" / "sub").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: records\nversion: 1.0.0\n")
    (chart / "values.yaml").write_text("image:\n  repository: records\n  tag: latest\nservice: {type: ClusterIP}\n")
    (chart / "templates" / "deployment.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"records.fullname\" . }}\n"
        "spec:\n  template:\n    spec:\n      {{- with .Values.securityContext }}\n      securityContext: {{ toYaml . | nindent 8 }}\n      {{- end }}\n"
    )
    (chart / "templates" / "sub" / "svc.yaml").write_text("apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n")
    (chart / "templates" / "_helpers.tpl").write_text('{{- define "records.fullname" -}}{{ .Release.Name }}{{- end }}\n')


def test_helm_chart_templates_are_text_and_values_are_scanned(tmp_path: Path) -> None:
    _chart(tmp_path)
    report = hms_policy.scan([tmp_path], jobs=1)
    assert not [e for e in report.errors if e.reason == "parse"]
    fired = {(f.rule_id, f.path) for f in report.findings}
    assert ("HELM001", "charts/records/values.yaml") in fired
    assert not any(f.path.startswith("charts/records/templates/") and f.rule_id.startswith("K8S") for f in report.findings)


def test_chart_found_from_a_scan_of_its_templates_dir(tmp_path: Path) -> None:
    _chart(tmp_path)
    report = hms_policy.scan([tmp_path / "charts" / "records" / "templates"], jobs=1)
    assert not [e for e in report.errors if e.reason == "parse"]


def test_template_outside_a_chart_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: {{ .Values.replicas }}\n"
        "  template:\n    spec:\n      containers: [{name: api, image: 'api:1.0'}]\n"
    )
    (tmp_path / "broken.yaml").write_text("apiVersion: v1\nkind: Pod\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n")
    report = hms_policy.scan([tmp_path], jobs=1)
    messages = {e.path: e.message for e in report.errors if e.reason == "parse"}
    assert "template syntax at line 6" in messages["deploy.yaml"]
    assert "template syntax at line 3" in messages["broken.yaml"]
    assert not [f for f in report.findings if f.rule_id.startswith("K8S")]  # nothing judged on nonsense


def test_alias_bomb_in_a_manifest_is_an_error_and_the_rest_is_scanned(tmp_path: Path) -> None:
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: bomb}", "data:", '  a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 8):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"  {cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    (tmp_path / "deep.yaml").write_text("apiVersion: v1\nkind: List\nitems: " + "[" * 50_000 + "\n")
    (tmp_path / "ok.yaml").write_text(DEPLOYMENT.format(i=0))
    report = hms_policy.scan([tmp_path], jobs=1)
    errors = {e.path: e.message for e in report.errors if e.reason == "parse"}
    assert "alias expansion bomb" in errors["bomb.yaml"]
    assert "nesting deeper than" in errors["deep.yaml"]
    assert any(f.rule_id == "K8S008" and f.path == "ok.yaml" for f in report.findings)


def test_big_multi_document_manifest(tmp_path: Path) -> None:
    count = 1500  # about 200 KB, 1,500 objects in one file
    (tmp_path / "all.yaml").write_text("---\n".join(DEPLOYMENT.format(i=i) for i in range(count)))
    report = hms_policy.scan([tmp_path], jobs=1, policies=["hipaa"])
    latest = [f for f in report.findings if f.rule_id == "K8S008"]
    assert len(latest) == count and len({f.fingerprint for f in latest}) == count
    assert latest[-1].line == 9 * count + (count - 1) - 0  # the last object's image line


def test_each_manifest_is_parsed_once_for_all_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hms_policy.targets.parsers.manifests as manifests

    calls: list[str] = []
    real = manifests.kubernetes_nodes

    def counting(doc):  # type: ignore[no-untyped-def]
        calls.append(doc.path)
        return real(doc)

    monkeypatch.setattr(manifests, "kubernetes_nodes", counting)
    (tmp_path / "ns.yaml").write_text("apiVersion: v1\nkind: Namespace\nmetadata: {name: hms}\n")
    for i in range(3):
        (tmp_path / f"app{i}.yaml").write_text(DEPLOYMENT.format(i=i))
    report = hms_policy.scan([tmp_path], jobs=1, cache=False)  # a cached unit is not parsed at all
    assert sorted(calls) == ["app0.yaml", "app1.yaml", "app2.yaml", "ns.yaml"]
    assert any(f.rule_id == "K8S060" for f in report.findings)  # read its neighbours without re-parsing
