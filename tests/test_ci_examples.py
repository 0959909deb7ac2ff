"""The CI examples in examples/ci/ are valid YAML, call hms-policy only with flags and formats
that exist, and wire their report files to the CI features that read them."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import PEM_KEY, Repo

from hms_policy.cli import build_parser, main

CI = Path(__file__).resolve().parent.parent / "examples" / "ci"
GITHUB = CI / "github-actions.yml"
GITLAB = CI / "gitlab-ci.yml"


def load(path: Path) -> Any:
    # GitHub's `on:` key is YAML 1.1's boolean True for PyYAML; that is fine for these checks.
    return yaml.safe_load(path.read_text())


def github_runs() -> list[str]:
    workflow = load(GITHUB)
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def gitlab_runs() -> list[str]:
    job = load(GITLAB)["hms-policy"]
    return [*job.get("before_script", []), *job["script"]]


def hms_commands(scripts: list[str], temp: str = "/tmp") -> list[list[str]]:
    """Every hms-policy invocation in shell snippets, with CI expressions made concrete."""
    commands = []
    for script in scripts:
        script = script.replace("${{ runner.temp }}", temp)
        script = re.sub(r"\$\{\{[^}]*\}\}", "main", script)
        for line in script.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith("hms-policy "):
                commands.append(shlex.split(line)[1:])
    return commands


def option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.name)
def test_examples_are_yaml_and_use_real_flags(path: Path) -> None:
    commands = hms_commands(github_runs() if path == GITHUB else gitlab_runs())
    assert len(commands) >= 3
    parser = build_parser()
    for args in commands:
        parsed = parser.parse_args(args)  # raises UsageError on an unknown flag or format
        assert parsed.command == "scan"


def test_github_uploads_sarif_and_writes_the_step_summary() -> None:
    workflow = load(GITHUB)
    steps = workflow["jobs"]["compliance"]["steps"]
    commands = hms_commands(github_runs())
    sarif = next(c for c in commands if "sarif" in c)
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"].replace("${{ runner.temp }}", "/tmp") == option(sarif, "--output")
    assert workflow["permissions"]["security-events"] == "write"
    markdown = next(c for c in commands if "markdown" in c)
    assert option(markdown, "--output") == "$GITHUB_STEP_SUMMARY"
    gate = next(c for c in commands if "--diff" in c)
    assert "--soft-fail" not in gate and option(gate, "--fail-on") == "high"
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


def test_gitlab_publishes_the_junit_report() -> None:
    job = load(GITLAB)["hms-policy"]
    junit = next(c for c in hms_commands(gitlab_runs()) if "junit" in c)
    assert job["artifacts"]["reports"]["junit"] == option(junit, "--output")
    assert job["artifacts"]["when"] == "always" and job["variables"]["GIT_DEPTH"] == "0"


def test_the_github_commands_run_on_a_pull_request_branch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("app/main.py", "print('hello')\n")
    repo.commit("base")
    assert main(["baseline", "create", "--no-cache", str(repo.path)]) == 0
    repo.commit("baseline")
    repo.git("branch", "-q", "origin/main")  # stands in for the fetched base branch
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/deploy.pem", PEM_KEY)
    repo.commit("feature adds a key")
    monkeypatch.chdir(repo.path)
    summary = tmp_path / "step-summary.md"
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    codes = []
    for args in hms_commands(github_runs(), str(runner_temp)):
        args = [str(summary) if a == "$GITHUB_STEP_SUMMARY" else a for a in args]
        codes.append(main([*args, "--no-cache"]))
    assert codes == [0, 0, 1]  # SARIF and summary never fail the job; the gate does
    capsys.readouterr()
    sarif = json.loads((runner_temp / "hms-policy.sarif").read_text())
    assert sarif["version"] == "2.1.0" and "SEC100" in json.dumps(sarif)
    assert "SEC100" in summary.read_text()
    assert [p.name for p in repo.path.iterdir() if "sarif" in p.name] == []  # reports stay out of the tree
