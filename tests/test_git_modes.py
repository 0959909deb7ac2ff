"""`scan --staged` reads the git index, `scan --diff BASE` reports what a change introduces;
both against real repositories made in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitrepo import ENCRYPTED_RDS, PEM_KEY, UNENCRYPTED_RDS, Repo

from hms_policy.cli import main
from hms_policy.targets.git import parse_unified_diff

pytestmark = pytest.mark.integration


def scan_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["scan", "--format", "json", "--no-cache", *args])
    return code, json.loads(capsys.readouterr().out)


def rules_at(report: dict, only: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    """(path, rule id) of unsuppressed findings, optionally of some rules only."""
    return {(f["path"], f["rule_id"]) for f in report["findings"] if not f["suppressed"] and (not only or f["rule_id"] in only)}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.write("README.md", "demo\n")
    repo.commit("init")
    monkeypatch.chdir(repo.path)
    return repo


# ---- --staged ---------------------------------------------------------------------------


def test_staged_scans_the_index_not_the_working_tree(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("deploy.pem", PEM_KEY)
    repo.git("add", "deploy.pem")
    repo.write("deploy.pem", "cleaned up in the working tree, but not staged\n")
    code, report = scan_json(["--staged"], capsys)
    assert code == 1 and rules_at(report) == {("deploy.pem", "SEC100")}
    assert report["target"]["files_scanned"] == 1 and report["target"]["selection"]["mode"] == "staged"
    # The working tree alone is clean:
    code, report = scan_json(["deploy.pem"], capsys)
    assert code == 0 and not rules_at(report)


def test_staged_ignores_unstaged_edits_and_unchanged_files(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("app/settings.py", "DEBUG = False\n")
    repo.commit("settings")
    repo.write("app/settings.py", "KEY = '''\n" + PEM_KEY + "'''\n")  # not staged
    repo.write("app/views.py", "def index():\n    return 'ok'\n")
    repo.git("add", "app/views.py")
    code, report = scan_json(["--staged"], capsys)
    assert code == 0 and not rules_at(report)
    assert report["target"]["files_scanned"] == 1


def test_staged_paths_limit_the_selection_and_deletions_are_skipped(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("infra/main.tf", ENCRYPTED_RDS)
    repo.commit("infra")
    repo.write("infra/main.tf", UNENCRYPTED_RDS)
    repo.write("keys/a.pem", PEM_KEY)
    repo.git("add", "-A")
    repo.git("rm", "-q", "README.md")
    _, report = scan_json(["--staged", "infra"], capsys)
    assert rules_at(report, ("TF101", "SEC100")) == {("main.tf", "TF101")}  # like `scan infra`: relative to infra
    _, report = scan_json(["--staged"], capsys)
    assert rules_at(report, ("TF101", "SEC100")) == {("infra/main.tf", "TF101"), ("keys/a.pem", "SEC100")}
    assert report["target"]["files_scanned"] == 2  # README.md was deleted: nothing to scan


def test_staged_symlink_is_reported_not_followed(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    (repo.path / "link.pem").symlink_to("/etc/hostname")
    repo.git("add", "link.pem")
    _, report = scan_json(["--staged"], capsys)
    assert [(e["path"], e["reason"]) for e in report["errors"]] == [("link.pem", "symlink")]


def test_staged_works_before_the_first_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = Repo(tmp_path / "fresh")
    repo.write("id_rsa", PEM_KEY)
    repo.git("add", "id_rsa")
    monkeypatch.chdir(repo.path)
    code, report = scan_json(["--staged"], capsys)
    assert code == 1 and rules_at(report) == {("id_rsa", "SEC100")}


def test_git_modes_outside_a_repository_are_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["scan", "--staged", "--no-cache"]) == 2
    assert "not inside a git repository" in capsys.readouterr().err
    assert main(["scan", "--staged", "--diff", "main"]) == 2
    assert "not allowed with" in capsys.readouterr().err


# ---- --diff BASE ------------------------------------------------------------------------


def test_diff_reports_only_what_the_change_introduces(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("infra/legacy.tf", UNENCRYPTED_RDS)  # an old finding
    repo.write("app/settings.py", "DEBUG = False\n")
    repo.commit("legacy")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("infra/legacy.tf", "# moved down by a comment\n\n" + UNENCRYPTED_RDS)  # the old finding moves
    repo.write("app/deploy.pem", PEM_KEY)  # a new finding
    repo.commit("feature work")
    code, report = scan_json(["--diff", "main"], capsys)
    assert code == 1 and rules_at(report) == {("app/deploy.pem", "SEC100")}
    assert report["target"]["selection"]["mode"] == "diff"
    # The full-tree status is still one plain scan away:
    _, report = scan_json([], capsys)
    assert rules_at(report) >= {("app/deploy.pem", "SEC100"), ("infra/legacy.tf", "TF101")}


def test_diff_catches_a_finding_caused_away_from_the_changed_lines(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("infra/db.tf", ENCRYPTED_RDS)
    repo.commit("encrypted")
    repo.write("infra/db.tf", ENCRYPTED_RDS.replace("  storage_encrypted = true\n", ""))  # a pure deletion
    code, report = scan_json(["--diff", "HEAD"], capsys)
    assert code == 1 and rules_at(report) == {("infra/db.tf", "TF101")}


def test_diff_reports_a_changed_line_and_not_a_rename(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("infra/db.tf", UNENCRYPTED_RDS)
    repo.commit("legacy")
    repo.git("mv", "infra/db.tf", "infra/database.tf")
    repo.commit("rename only")
    code, report = scan_json(["--diff", "HEAD~1"], capsys)
    assert code == 0 and not rules_at(report)
    repo.write("infra/database.tf", UNENCRYPTED_RDS.replace("= false", "= false # still off"))
    code, report = scan_json(["--diff", "HEAD~1"], capsys)
    assert rules_at(report) == {("infra/database.tf", "TF101")}


def test_diff_measures_from_the_merge_base_and_includes_untracked_files(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("notes.txt", "feature notes\n")
    repo.commit("feature")
    repo.git("checkout", "-q", "main")
    repo.write("main-only.pem", PEM_KEY)
    repo.commit("main moves on")
    repo.git("checkout", "-q", "feature")
    code, report = scan_json(["--diff", "main"], capsys)
    assert code == 0 and not rules_at(report)  # main's own key is not this branch's doing
    repo.write("scratch/new.pem", PEM_KEY)  # untracked, not ignored
    code, report = scan_json(["--diff", "main"], capsys)
    assert rules_at(report) == {("scratch/new.pem", "SEC100")}


def test_diff_unknown_base_is_a_usage_error(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--diff", "no-such-branch", "--no-cache"]) == 2
    assert "unknown revision 'no-such-branch'" in capsys.readouterr().err


def test_parse_unified_diff_ranges_and_quoted_paths() -> None:
    patch = (
        "diff --git a/app.py b/app.py\nindex 1..2 100644\n--- a/app.py\n+++ b/app.py\n"
        "@@ -3,0 +4,2 @@ def f():\n+a\n+b\n@@ -10 +12 @@\n-x\n+y\n@@ -20,3 +23,0 @@\n-gone\n-gone\n-gone\n"
        'diff --git "a/dir/caf\\303\\251 file.tf" "b/dir/caf\\303\\251 file.tf"\nnew file mode 100644\nindex 0..1\n'
        '--- /dev/null\n+++ "b/dir/caf\\303\\251 file.tf"\n@@ -0,0 +1,3 @@\n+1\n+2\n+3\n'
        "diff --git a/old.tf b/new.tf\nsimilarity index 100%\nrename from old.tf\nrename to new.tf\n"
    )
    assert parse_unified_diff(patch) == [
        ("app.py", "app.py", [(4, 5), (12, 12)]),
        ("dir/café file.tf", None, [(1, 3)]),
        ("new.tf", "old.tf", []),
    ]
