"""`scan --history`: secrets in the lines every commit added, including deleted ones."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hms_policy.cli import main
from hms_policy.secrets import history
from hms_policy.secrets.history import AddedLines, _parse_log, added_lines, scan_history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# Synthetic credentials; none is live.
DB_URL = "postgresql://ehr_app:Tq8w4Zr4Lm2x@db.ehr.internal:5432/ehr"
ENV_SECRET = "Gr4ce-Ward-Night-77"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three commits: a clean file; a DB password at line 4 and a .env; both removed again."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@hospital.example")
    git(root, "config", "user.name", "dev")
    (root / "app.py").write_text("import os\n\n\nDB = os.environ['DB']\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "clean")
    (root / "app.py").write_text(f"import os\n\n\nDB = '{DB_URL}'\n")
    (root / ".env").write_text(f"APP_ENV=prod\nDB_PASSWORD={ENV_SECRET}\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "leak")
    (root / "app.py").write_text("import os\n\n\nDB = os.environ['DB']\n")
    git(root, "rm", "-q", ".env")
    git(root, "commit", "-qam", "remove the leak")
    return root


def test_secrets_deleted_from_head_are_reported_with_commit_path_and_line(repo: Path) -> None:
    leak = git(repo, "rev-parse", "HEAD~1")
    report = scan_history(repo, "HEAD", {"cache": False})
    found = {(f.rule_id, f.path, f.line, f.extra["commit"]) for f in report.findings}
    assert found == {("SEC101", "app.py", 4, leak), ("SEC108", ".env", 2, leak)}
    assert report.target.selection is not None and report.target.selection["mode"] == "history"
    assert report.target.selection["commits"] == 3
    db = next(f for f in report.findings if f.rule_id == "SEC101")
    assert "hipaa:164.312(d)" in db.controls and leak[:12] in db.message
    assert DB_URL not in report.to_json() and ENV_SECRET not in report.to_json()
    assert not report.passed


def test_a_range_limits_the_commits(repo: Path) -> None:
    report = scan_history(repo, "HEAD~1..HEAD", {"cache": False})
    assert report.findings == () and report.passed


def test_cli_history_flag_takes_a_path_or_a_range(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    out = tmp_path / "report.json"
    assert main(["scan", "--history", ".", "--no-cache", "--format", "json", "--output", str(out)]) == 1
    findings = json.loads(out.read_text())["findings"]
    assert {(f["rule_id"], f["path"], f["line"]) for f in findings} == {("SEC101", "app.py", 4), ("SEC108", ".env", 2)}
    assert all(len(f["extra"]["commit"]) == 40 for f in findings)
    assert main(["scan", ".", "--history", "HEAD~1..HEAD", "--no-cache", "--format", "json", "--output", str(out)]) == 0


def test_bad_ranges_and_non_repositories_are_usage_errors(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(repo), "--history", "no-such-branch", "--no-cache"]) == 2
    assert main(["scan", str(repo), "--history=--output=/tmp/x", "--no-cache"]) == 2
    outside = tmp_path / "plain"
    outside.mkdir()
    assert main(["scan", str(outside), "--history", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "no-such-branch" in err and "not inside a git repository" in err


def test_history_honours_excludes(repo: Path) -> None:
    report = scan_history(repo, "HEAD", {"cache": False, "exclude": ["*.env", ".env"]})
    assert {f.rule_id for f in report.findings} == {"SEC101"}


LOG = b"""\x00hms-commit 1111111111111111111111111111111111111111

diff --git a/conf/a.yaml b/conf/a.yaml
index 1..2 100644
--- a/conf/a.yaml
+++ b/conf/a.yaml
@@ -3 +3 @@ x:
-  old: 1
+  new: 2
@@ -10,0 +11,2 @@
+++ not a header inside a hunk
+
diff --git a/img.png b/img.png
Binary files a/img.png and b/img.png differ
diff --git a/old.txt b/new.txt
similarity index 100%
rename from old.txt
rename to new.txt
\x00hms-commit 2222222222222222222222222222222222222222

diff --git "a/caf\\303\\251.env" "b/caf\\303\\251.env"
new file mode 100644
--- /dev/null
+++ "b/caf\\303\\251.env"
@@ -0,0 +1 @@
+TOKEN=abc
\\ No newline at end of file
"""


def test_log_parser_numbers_added_lines_per_file_and_commit() -> None:
    chunks = list(_parse_log(io.BytesIO(LOG)))
    assert chunks == [
        AddedLines("1" * 40, "conf/a.yaml", (3, 11, 12), ("  new: 2", "++ not a header inside a hunk", "")),
        AddedLines("2" * 40, "café.env", (1,), ("TOKEN=abc",)),
    ]


def test_long_additions_arrive_in_bounded_chunks(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "big.txt").write_text("".join(f"line {n}\n" for n in range(1, 26)))
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "big")
    monkeypatch.setattr(history, "CHUNK_LINES", 10)
    chunks = [c for c in added_lines(repo, "HEAD~1..HEAD") if c.path == "big.txt"]
    assert [len(c.lines) for c in chunks] == [10, 10, 5]
    assert [c.numbers[0] for c in chunks] == [1, 11, 21] and chunks[2].lines[-1] == "line 25"
