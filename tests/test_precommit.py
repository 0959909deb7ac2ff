"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit in a throwaway repository.

`pre-commit try-repo` would build a fresh virtualenv and pip-install hms-policy and all its
dependencies from an index (minutes, and network). This test runs the same hook
definitions as a `repo: local` config instead: every field of the shipped manifest is kept
except `language`, which becomes `system`, and the entry's `hms-policy` is this
interpreter's `python -m hms_policy`. pre-commit still decides which files the hook gets,
stashes unstaged changes and refuses the commit on a non-zero exit.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import GIT_ENV, PEM_KEY, UNENCRYPTED_RDS, Repo

pytestmark = pytest.mark.integration

MANIFEST = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"


def manifest() -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text())
    return hooks


def test_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = clientlib.load_manifest(str(MANIFEST))
    assert [h["id"] for h in hooks] == ["hms-policy", "hms-policy-secrets"]
    for hook in hooks:
        assert hook["entry"].split()[:2] == ["hms-policy", "scan"]
        assert hook["pass_filenames"] and hook["require_serial"] and hook["language"] == "python"


def local_config(hook_ids: list[str], args: dict[str, list[str]] | None = None) -> str:
    python = shlex.quote(sys.executable)
    hooks = []
    for hook in manifest():
        if hook["id"] not in hook_ids:
            continue
        local = {k: v for k, v in hook.items() if k not in ("minimum_pre_commit_version",)}
        local["language"] = "system"
        local["entry"] = hook["entry"].replace("hms-policy", f"{python} -m hms_policy", 1)
        local["args"] = [*local.get("args", []), "--no-cache", *(args or {}).get(hook["id"], [])]
        hooks.append(local)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False)


@pytest.fixture
def hooked(tmp_path: Path) -> Repo:
    pytest.importorskip("pre_commit")
    repo = Repo(tmp_path / "project")
    repo.write("README.md", "project\n")
    repo.commit("init")
    return repo


def install(repo: Repo, config: str) -> dict[str, str]:
    repo.write(".pre-commit-config.yaml", config)
    repo.commit("hooks", ".pre-commit-config.yaml")
    env = {**repo.env(), "PRE_COMMIT_HOME": str(repo.path.parent / "pre-commit-home"), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo.path, env=env, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return env


def commit(repo: Repo, env: dict[str, str], *paths: str) -> tuple[int, str]:
    """Stage and commit; the exit code and everything git and the hooks printed."""
    repo.git("add", *paths)
    done = subprocess.run(["git", "commit", "-m", "change"], cwd=repo.path, env=env, check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode, done.stdout


def test_a_planted_secret_is_refused_and_a_clean_file_passes(hooked: Repo) -> None:
    env = install(hooked, local_config(["hms-policy"]))
    hooked.write("config/deploy.pem", PEM_KEY)
    code, output = commit(hooked, env, "config/deploy.pem")
    assert code != 0, output
    assert "hms-policy compliance scan" in output and "Failed" in output
    assert "config/deploy.pem" in output and "SEC100 private-key-committed" in output and "FAIL:" in output
    assert "FAKEFAKE" not in output  # the key body never reaches the terminal
    assert "config/deploy.pem" not in hooked.git("ls-tree", "-r", "--name-only", "HEAD").stdout

    hooked.git("rm", "-q", "--cached", "config/deploy.pem")
    (hooked.path / "config" / "deploy.pem").unlink()
    hooked.write("app/views.py", "def index():\n    return 'ok'\n")
    code, output = commit(hooked, env, "app/views.py")
    assert code == 0, output
    assert "app/views.py" in hooked.git("ls-tree", "-r", "--name-only", "HEAD").stdout


def test_only_the_files_being_committed_are_scanned(hooked: Repo) -> None:
    env = install(hooked, local_config(["hms-policy"]))
    hooked.write("scratch/private.pem", PEM_KEY)  # untracked: not part of the commit
    hooked.write("README.md", "project\n\n" + PEM_KEY)  # tracked, modified, NOT staged
    hooked.write("app/ok.py", "VALUE = 1\n")
    code, output = commit(hooked, env, "app/ok.py")
    assert code == 0, output
    assert PEM_KEY in (hooked.path / "README.md").read_text()  # pre-commit restored the unstaged edit


def test_the_secrets_hook_ignores_other_categories(hooked: Repo) -> None:
    env = install(hooked, local_config(["hms-policy-secrets"]))
    hooked.write("infra/db.tf", UNENCRYPTED_RDS)  # a high finding, but not a secret
    code, output = commit(hooked, env, "infra/db.tf")
    assert code == 0, output
    hooked.write("infra/tls.pem", PEM_KEY)
    code, output = commit(hooked, env, "infra/tls.pem")
    assert code != 0 and "hms-policy secrets scan" in output
    assert "SEC100" in output and "TF101" not in output


def test_hook_args_such_as_a_baseline_are_honoured(hooked: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from hms_policy.cli import main

    hooked.write("legacy/old.pem", PEM_KEY)
    hooked.commit("legacy key, accepted in the baseline", "legacy/old.pem")
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(hooked.path)  # in-process: the hook run below is the real subprocess
    assert main(["baseline", "create", "--no-cache"]) == 0, capsys.readouterr().err
    hooked.commit("baseline", ".hms-policy-baseline.json")
    env = install(hooked, local_config(["hms-policy"], {"hms-policy": ["--baseline", ".hms-policy-baseline.json"]}))
    hooked.write("legacy/old.pem", "# rotated, kept for the record\n" + PEM_KEY)
    code, output = commit(hooked, env, "legacy/old.pem")
    assert code == 0, output
    hooked.write("legacy/new.pem", PEM_KEY.replace("FAKE", "MOCK"))
    code, output = commit(hooked, env, "legacy/new.pem")
    assert code != 0 and "legacy/new.pem" in output


def test_soft_fail_exits_0_when_the_gate_fails_but_2_on_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from hms_policy.cli import main

    (tmp_path / "k.pem").write_text(PEM_KEY)
    # The installed console script, as a hook's `entry: hms-policy` runs it: a real process exit code.
    script = shutil.which("hms-policy", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    assert script, "the hms-policy console script is not installed"
    env = {**os.environ, "NO_COLOR": "1"}
    gated = subprocess.run([script, "scan", "--no-cache", str(tmp_path)], check=False, capture_output=True, text=True, env=env)
    assert gated.returncode == 1 and "SEC100" in gated.stdout, gated.stderr
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["scan", "--no-cache", str(tmp_path), "--soft-fail"]) == 0
    soft = capsys.readouterr()
    assert "--soft-fail" in soft.err and "SEC100" in soft.out
    assert main(["scan", "--no-cache", "--soft-fail", "--policy", "nope", str(tmp_path)]) == 2
