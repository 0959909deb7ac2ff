"""Baselines: `hms-policy baseline create|update` and `scan --baseline`, in real git
repositories; fingerprints survive unrelated edits; stale entries are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitrepo import KEY_BODY_LINE, PEM_KEY, UNENCRYPTED_RDS, Repo

from hms_policy.cli import main
from hms_policy.engine.baseline import BASELINE_VERSION, DEFAULT_BASELINE, parse_baseline
from hms_policy.errors import ConfigError

pytestmark = pytest.mark.integration


@pytest.fixture
def legacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository that already has findings."""
    repo = Repo(tmp_path / "legacy")
    repo.write("infra/db.tf", UNENCRYPTED_RDS)
    repo.write("certs/server.pem", PEM_KEY)
    repo.write("app/main.py", "print('hello')\n")
    repo.commit("legacy code")
    monkeypatch.chdir(repo.path)
    return repo


def scan(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["scan", ".", "--format", "json", "--no-cache", *args])
    return code, json.loads(capsys.readouterr().out)


def create(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["baseline", "create", "--no-cache", *args]) == 0
    capsys.readouterr()
    return json.loads(Path(DEFAULT_BASELINE).read_text())


def test_create_writes_a_sorted_versioned_file_without_values(legacy: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    data = create(capsys)
    text = Path(DEFAULT_BASELINE).read_text()
    assert data["baseline_version"] == BASELINE_VERSION and data["tool_version"]
    keys = [(e["path"], e["rule_id"], e["fingerprint"]) for e in data["entries"]]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {("certs/server.pem", "SEC100"), ("infra/db.tf", "TF101")} <= {k[:2] for k in keys}
    assert all(set(e) == {"fingerprint", "rule_id", "path", "reason"} for e in data["entries"])
    assert KEY_BODY_LINE[:16] not in text and "storage_encrypted" not in text and '"line"' not in text
    assert main(["baseline", "create", "--no-cache"]) == 2  # never overwritten silently
    assert "exists" in capsys.readouterr().err


def test_baselined_findings_are_suppressed_and_stay_visible(legacy: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    create(capsys, "--reason", "accepted risk, ticket SEC-42")
    code, report = scan(capsys, "--baseline", DEFAULT_BASELINE)
    entries = json.loads(Path(DEFAULT_BASELINE).read_text())["entries"]
    assert code == 0 and report["summary"]["findings"] == 0 and report["summary"]["suppressed"] == len(entries)
    assert {f["suppression"]["kind"] for f in report["findings"]} == {"baseline"}
    assert {f["suppression"]["reason"] for f in report["findings"]} == {"accepted risk, ticket SEC-42"}
    assert not [e for e in report["errors"] if e["reason"] == "stale-baseline"]


def test_fingerprints_survive_unrelated_edits_and_new_findings_still_fail(legacy: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    accepted = len(create(capsys)["entries"])
    legacy.commit("baseline")
    legacy.write("infra/db.tf", "# Database of the patient portal\n\n\n" + UNENCRYPTED_RDS + "\n# trailing notes\n")
    legacy.write("certs/server.pem", "\n\n" + PEM_KEY)
    legacy.commit("lines move")
    code, report = scan(capsys, "--baseline", DEFAULT_BASELINE)
    assert code == 0 and report["summary"]["suppressed"] == accepted and report["summary"]["findings"] == 0
    legacy.write("infra/new.tf", UNENCRYPTED_RDS.replace("patients", "billing"))
    legacy.commit("new resource")
    code, report = scan(capsys, "--baseline", DEFAULT_BASELINE)
    assert code == 1
    new = {(f["path"], f["rule_id"]) for f in report["findings"] if not f["suppressed"]}
    assert ("infra/new.tf", "TF101") in new and {path for path, _ in new} == {"infra/new.tf"}


def test_fixed_findings_leave_stale_entries_that_update_drops(legacy: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    create(capsys, "--reason", "legacy")
    legacy.write("infra/db.tf", UNENCRYPTED_RDS.replace("false", "true"))
    legacy.write("docs/key.pem", PEM_KEY)
    legacy.commit("fix the database, add a key")
    code, report = scan(capsys, "--baseline", DEFAULT_BASELINE)
    stale = [e for e in report["errors"] if e["reason"] == "stale-baseline"]
    assert len(stale) == 1 and stale[0]["path"] == "infra/db.tf" and "TF101" in stale[0]["message"]
    assert code == 1  # the new key is not in the baseline

    assert main(["baseline", "update", "--prune-only", "--no-cache"]) == 0
    assert "0 added, 1 removed" in capsys.readouterr().err
    entries = json.loads(Path(DEFAULT_BASELINE).read_text())["entries"]
    assert ("infra/db.tf", "TF101") not in {(e["path"], e["rule_id"]) for e in entries}
    assert "docs/key.pem" not in {e["path"] for e in entries} and {e["reason"] for e in entries} == {"legacy"}

    assert main(["baseline", "update", "--no-cache", "--reason", "new key, ticket SEC-43"]) == 0
    entries = json.loads(Path(DEFAULT_BASELINE).read_text())["entries"]
    reasons = {(e["path"], e["rule_id"]): e["reason"] for e in entries}
    assert reasons[("certs/server.pem", "SEC100")] == "legacy" and reasons[("docs/key.pem", "SEC100")] == "new key, ticket SEC-43"
    code, report = scan(capsys, "--baseline", DEFAULT_BASELINE)
    assert code == 0 and not [e for e in report["errors"] if e["reason"] == "stale-baseline"]


def test_entries_outside_what_was_scanned_are_not_called_stale(legacy: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    create(capsys)
    # The hook scans only the files being committed; the other entries are not judged.
    code = main(["scan", "app/main.py", "--format", "json", "--no-cache", "--baseline", DEFAULT_BASELINE])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and not report["errors"]
    # Nor are entries of a rule that did not run (here: secrets only).
    code, report = scan(capsys, "--baseline", DEFAULT_BASELINE, "--category", "secret")
    assert not [e for e in report["errors"] if e["reason"] == "stale-baseline"]


def test_a_broken_baseline_is_a_usage_error(legacy: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    Path("bad.json").write_text('{"entries": []}')
    assert main(["scan", ".", "--no-cache", "--baseline", "bad.json"]) == 2
    assert "not an hms-policy baseline" in capsys.readouterr().err
    assert main(["scan", ".", "--no-cache", "--baseline", "missing.json"]) == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    "data",
    [
        {"baseline_version": "9", "entries": []},
        {"baseline_version": "1", "entries": {}},
        {"baseline_version": "1", "entries": [{"fingerprint": "ZZ", "rule_id": "TF101", "path": "a"}]},
        {"baseline_version": "1", "entries": [{"fingerprint": "ab12", "rule_id": "TF101"}]},
    ],
)
def test_parse_baseline_rejects_bad_shapes(data: dict) -> None:
    with pytest.raises(ConfigError):
        parse_baseline(data)
