"""merge: shards of one tree (parallel CI jobs) and reports of several repositories."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from hms_policy.catalog.rules import schema_errors
from hms_policy.cli import main
from hms_policy.model import ControlResult, PolicyRef, Report, Summary, TargetInfo
from hms_policy.report.merge import merge_reports

DEMO = Path(__file__).resolve().parents[2] / "examples" / "hms-demo"
SHARDS = (["app", "logs", "Dockerfile"], ["infra", "deploy", "docker-compose.yml", "README.md"])


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo scanned whole and in two shards, all from its root as CI jobs would."""
    base = tmp_path_factory.mktemp("merge")
    root = base / "hms-demo"
    shutil.copytree(DEMO, root)
    out: dict[str, Any] = {"root": root, "base": base}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert main(["scan", ".", "-f", "json", "-o", str(base / "full.json")]) == 1
        for n, paths in enumerate(SHARDS):
            main(["scan", *paths, "-f", "json", "-o", str(base / f"shard{n}.json")])
    return out


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def test_merged_shards_equal_the_whole_scan(scanned: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    base = scanned["base"]
    merged_path = base / "merged.json"
    code = main(["merge", str(base / "shard0.json"), str(base / "shard1.json"), "--output", str(merged_path)])
    full, merged = _load(base / "full.json"), _load(merged_path)
    assert code == 1 and full["summary"]["result"] == "fail"
    assert schema_errors(merged, "report.v1") == []
    assert [f["fingerprint"] for f in merged["findings"]] == [f["fingerprint"] for f in full["findings"]]
    assert [(c["policy"], c["id"], c["status"], c["findings"]) for c in merged["controls"]] == [
        (c["policy"], c["id"], c["status"], c["findings"]) for c in full["controls"]
    ]
    assert merged["summary"] == full["summary"]
    assert len(merged["targets"]) == 2 and merged["target"]["selection"] == {"mode": "merged"}
    assert sorted(p for t in merged["targets"] for p in t["selection"]["paths"]) == sorted(p for s in SHARDS for p in s)
    assert {r["id"] for r in merged["rules"]} == {r["id"] for r in full["rules"]}
    # merging is order-free
    main(["merge", str(base / "shard1.json"), str(base / "shard0.json"), "--output", str(base / "merged-rev.json")])
    reverse = _load(base / "merged-rev.json")
    assert {k: v for k, v in reverse.items() if k != "generated_at"} == {k: v for k, v in merged.items() if k != "generated_at"}


def test_signed_merge_verifies_with_root(scanned: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, root = scanned["base"], scanned["root"]
    assert main(["keygen", "--out", str(tmp_path / "ci")]) == 0
    envelope = tmp_path / "merged.dsse.json"
    main(["merge", str(base / "shard0.json"), str(base / "shard1.json"), "-o", str(envelope), "--sign-key", str(tmp_path / "ci.key")])
    assert main(["verify", str(envelope), "--key", str(tmp_path / "ci.pub"), "--root", str(root)]) == 0
    changed = tmp_path / "changed"
    shutil.copytree(root, changed)
    (changed / "infra" / "main.tf").write_text("# emptied\n")
    capsys.readouterr()
    assert main(["verify", str(envelope), "--key", str(tmp_path / "ci.pub"), "--root", str(changed)]) == 1
    assert "hms-demo" in capsys.readouterr().err  # names the shard whose tree differs
    # signed inputs are verified before merging, and need the key
    second = tmp_path / "again.json"
    assert main(["merge", str(envelope), "-o", str(second)]) == 2
    assert main(["merge", str(envelope), "-o", str(second), "--key", str(tmp_path / "ci.pub")]) == 1


def _edit(path: Path, out: Path, change: Any) -> Path:
    data = _load(path)
    change(data)
    out.write_text(json.dumps(data))
    return out


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["policies"][0].update(version="2099.1"), "version 2099.1"),
        (lambda d: d["policies"][0].update(digest="sha256:" + "0" * 64), "scan every shard with the same packs"),
        (lambda d: d.update(policies=d["policies"][:1]), "checked packs"),
        (lambda d: d.update(schema_version="2"), "schema version"),
        (lambda d: d.pop("summary"), "report schema"),
    ],
)
def test_merge_refuses_incompatible_reports(
    scanned: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Any, message: str
) -> None:
    base = scanned["base"]
    other = _edit(base / "shard1.json", tmp_path / "other.json", change)
    capsys.readouterr()
    assert main(["merge", str(base / "shard0.json"), str(other), "-o", str(tmp_path / "m.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hms-policy: error: ") and message in err and err.count("\n") == 1


def test_merge_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge"]) == 2
    assert main(["merge", str(tmp_path / "missing.json")]) == 2
    (tmp_path / "bad.json").write_text("{not json")
    assert main(["merge", str(tmp_path / "bad.json")]) == 2


def _report(name: str, root: str, statuses: list[str]) -> Report:
    controls = tuple(ControlResult("hipaa", f"c{n}", f"control {n}", s, 0) for n, s in enumerate(statuses))  # type: ignore[arg-type]
    return Report(
        schema_version="1",
        tool={"name": "hms-policy", "version": "0"},
        target=TargetInfo(root, None, 1, 1, "sha256:" + name.encode().hex().ljust(64, "0")[:64], name=name),
        policies=(PolicyRef("hipaa", "1", "sha256:" + "1" * 64),),
        findings=(),
        controls=controls,
        errors=(),
        summary=Summary(0, 0, {}, {}, "pass", "high"),
    )


def test_control_status_across_reports() -> None:
    # fail wins; pass needs one pass and no fail; otherwise not-evaluated
    a = _report("a", "/a", ["fail", "pass", "not-evaluated", "not-evaluated"])
    b = _report("b", "/b", ["pass", "not-evaluated", "pass", "not-evaluated"])
    merged = merge_reports([a, b])
    assert [c.status for c in merged.controls] == ["fail", "pass", "pass", "not-evaluated"]
    assert merged.target.name == "merged" and merged.target.root == "" and len(merged.targets) == 2
    assert merged.summary.fail_on == "high"


def test_findings_of_several_repositories_name_their_target(scanned: dict[str, Any]) -> None:
    from hms_policy.report.load import load_report_file

    full = load_report_file(scanned["base"] / "full.json")
    other = replace(full, target=replace(full.target, root="/elsewhere/other-repo", name="other-repo", digest="sha256:" + "2" * 64))
    merged = merge_reports([full, other])
    assert len(merged.findings) == 2 * len(full.findings)
    assert {f.extra["target"] for f in merged.findings} == {"hms-demo", "other-repo"}
    assert schema_errors(merged.to_dict(), "report.v1") == []
