"""The GitHub Action (action.yml), the GitLab CI template (templates/) and the examples in
examples/ci/ that use them: valid YAML, real flags, pinned actions, inputs that reach scripts
only through the environment, shell that parses, and the action's scan run for real."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import PEM_KEY, Repo

from hms_policy.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
GITLAB_TEMPLATE = ROOT / "templates" / "hms-policy.gitlab-ci.yml"
CI = ROOT / "examples" / "ci"
GITHUB = CI / "github-actions.yml"
GITLAB = CI / "gitlab-ci.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(path: Path) -> Any:
    # GitHub's `on:` key is YAML 1.1's boolean True for PyYAML; that is fine for these checks.
    return yaml.safe_load(path.read_text())


def action_steps() -> list[dict[str, Any]]:
    return load(ACTION)["runs"]["steps"]


def step(name: str) -> dict[str, Any]:
    return next(s for s in action_steps() if s.get("id") == name or s.get("name") == name)


def hms_commands(scripts: list[str]) -> list[list[str]]:
    """Every plain hms-policy invocation in shell snippets, with $VARIABLES made concrete."""
    commands = []
    for script in scripts:
        for line in script.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith("hms-policy ") and "${" not in line:
                commands.append(shlex.split(line.replace("$BASE_REF", "main"))[1:])
    return commands


def test_the_action_is_a_composite_action_with_declared_inputs_and_outputs() -> None:
    action = load(ACTION)
    assert action["runs"]["using"] == "composite" and action["name"] and action["description"]
    text = ACTION.read_text()
    used_inputs = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used_inputs == set(action["inputs"])
    produced = set(re.findall(r'echo "([\w-]+)=', step("scan")["run"]))
    assert set(re.findall(r"steps\.scan\.outputs\.([\w-]+)", text)) <= produced
    for s in action_steps():
        if "run" in s:
            assert s["shell"] == "bash"
            # inputs and contexts reach scripts through env only: no expression in the script text
            assert not EXPRESSION.search(s["run"]), s.get("name")
        else:
            assert PINNED.match(s["uses"]), s["uses"]


def test_the_action_installs_from_its_own_checkout() -> None:
    install = step("Install hms-policy from the action's checkout")["run"]
    assert 'pip install --quiet "$GITHUB_ACTION_PATH"' in install and "$GITHUB_PATH" in install


def test_the_action_uploads_sarif_only_where_permitted() -> None:
    upload = next(s for s in action_steps() if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert "head.repo.full_name == github.repository" in upload["if"] and upload["continue-on-error"] is True
    assert upload["with"]["sarif_file"] == "${{ steps.scan.outputs.sarif-file }}"
    assert "always()" in step("Step summary")["if"] and "$GITHUB_STEP_SUMMARY" in step("Step summary")["run"]


@pytest.mark.parametrize("path", [ACTION, GITLAB_TEMPLATE], ids=lambda p: p.name)
def test_every_script_is_valid_bash(path: Path) -> None:
    data = load(path)
    scripts = [s["run"] for s in data["runs"]["steps"] if "run" in s] if path == ACTION else [*data[".hms-policy"]["before_script"], *data[".hms-policy"]["script"]]
    for script in scripts:
        done = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


def test_examples_use_the_action_and_the_template_with_real_flags() -> None:
    workflow = load(GITHUB)
    steps = workflow["jobs"]["compliance"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert "<org>/hms-policy@<commit-sha>" in uses
    assert all(PINNED.match(u) for u in uses if not u.startswith("<org>/"))
    assert workflow["permissions"]["security-events"] == "write"
    gate = hms_commands([s["run"] for s in steps if "run" in s])
    assert len(gate) == 1 and "--diff" in gate[0] and "--soft-fail" not in gate[0]
    build_parser().parse_args(gate[0])  # raises UsageError on an unknown flag
    assert not any(EXPRESSION.search(s["run"]) for s in steps if "run" in s)
    gitlab = load(GITLAB)
    assert gitlab["include"][0]["remote"].endswith("/templates/hms-policy.gitlab-ci.yml")
    assert gitlab["hms-policy"]["extends"] == ".hms-policy"


def test_the_gitlab_template_publishes_junit_from_one_scan() -> None:
    job = load(GITLAB_TEMPLATE)[".hms-policy"]
    script = "\n".join(job["script"])
    assert script.count("hms-policy scan") == 1
    assert f"--output-format junit:{job['artifacts']['reports']['junit']}" in script
    assert job["artifacts"]["when"] == "always" and job["variables"]["GIT_DEPTH"] == "0"


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)  # the hms-policy script of this environment
    full = {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")]), **env}
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=cwd, env=full, capture_output=True, text=True, check=False)


def test_the_action_scan_and_the_example_gate_run_on_a_pull_request_branch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    repo = Repo(tmp_path / "repo")
    repo.write("app/main.py", "print('hello')\n")
    repo.commit("base")
    assert main(["baseline", "create", "--no-cache", str(repo.path)]) == 0
    repo.commit("baseline")
    repo.git("branch", "-q", "origin/main")  # stands in for the fetched base branch
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/deploy.pem", PEM_KEY)
    repo.commit("feature adds a key")
    assert main(["keygen", "--out", str(tmp_path / "ci")]) == 0
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    outputs = tmp_path / "github-output"
    env = {
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(outputs),
        "HMS_PATHS": ".",
        "HMS_FAIL_ON": "none",  # as the example passes on a pull request
        "HMS_ARGS": "--no-cache",
        "HMS_POLICY_SIGNING_KEY": (tmp_path / "ci.key").read_text(),
    }
    done = _bash(step("scan")["run"], repo.path, env)
    assert done.returncode == 0, done.stderr
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert written["exit-code"] == "0" and written["result"] == "pass"
    sarif = json.loads(Path(written["sarif-file"]).read_text())
    assert sarif["version"] == "2.1.0" and "SEC100" in json.dumps(sarif)
    assert "SEC100" in Path(written["summary-file"]).read_text()
    assert main(["verify", written["report-file"], "--key", str(tmp_path / "ci.pub"), "--root", str(repo.path)]) == 0
    assert [p.name for p in repo.path.iterdir() if "sarif" in p.name or "report" in p.name] == []  # reports stay out of the tree
    # the example's pull-request gate, after the action put hms-policy on PATH
    monkeypatch.chdir(repo.path)
    gate = hms_commands([s["run"] for s in load(GITHUB)["jobs"]["compliance"]["steps"] if "run" in s])[0]
    assert main([*gate, "--no-cache"]) == 1
    capsys.readouterr()
