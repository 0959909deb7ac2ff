"""Sharding, per-file time limits and parallel scans: the same answers, whatever the split."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import hms_policy
from hms_policy.errors import UsageError
from hms_policy.report.merge import merge_reports
from hms_policy.targets.shard import in_shard, parse_shard, unit_key

UNENCRYPTED = 'resource "aws_db_instance" "p{n}" {{\n  storage_encrypted = false\n}}\n'
ENCRYPTION = 'resource "aws_s3_bucket_server_side_encryption_configuration" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for i in range(8):
        module = tmp_path / f"stack{i}"
        module.mkdir()
        (module / "db.tf").write_text(UNENCRYPTED.format(n=i))
        (module / "bucket.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n')
        (module / "encryption.tf").write_text(ENCRYPTION)
        (tmp_path / f"app{i}.log").write_text(f"patient ssn=512-34-{1000 + i}\n")
        (tmp_path / f"Dockerfile.{i}").write_text("FROM python:3.12-slim\n")
    return tmp_path


def keys(report) -> set[tuple[str, str, str]]:
    return {(f.path, f.rule_id, f.fingerprint) for f in report.findings}


def test_shards_partition_the_tree_and_merge_to_the_whole(tree: Path) -> None:
    settings = {"policy": ["hipaa", "gdpr", "ndhm"], "cache": False, "jobs": 1}
    whole = hms_policy.scan([tree], settings=dict(settings))
    shards = [hms_policy.scan([tree], settings={**settings, "shard": f"{i}/3"}) for i in (1, 2, 3)]
    assert sum(s.target.files_scanned for s in shards) == whole.target.files_scanned
    seen: list[str] = []
    for shard in shards:
        seen.extend(f.path for f in shard.findings)
        # A Terraform directory is never split: its bucket and encryption stay together.
        stacks = {f.path.split("/")[0] for f in shard.findings if f.path.startswith("stack")}
        for stack in stacks:
            assert all(in_shard(f"{stack}/{name}", *parse_shard(shard.target.selection["shard"])) for name in ("db.tf", "bucket.tf", "encryption.tf"))
    assert set().union(*(keys(s) for s in shards)) == keys(whole)
    merged = merge_reports(shards)
    assert keys(merged) == keys(whole)
    assert {(c.policy, c.id, c.status) for c in merged.controls} == {(c.policy, c.id, c.status) for c in whole.controls}


def test_unit_keys_keep_directories_together() -> None:
    assert unit_key("a/b/main.tf") == unit_key("a/b/vars.tfvars")
    assert unit_key("k8s/a.yaml") == unit_key("k8s/b.yml")
    assert unit_key("a/app.py") != unit_key("a/other.py")


@pytest.mark.parametrize("spec", ["0/3", "4/3", "1/0", "x", "1-3"])
def test_bad_shard_specs_are_usage_errors(spec: str) -> None:
    with pytest.raises(UsageError):
        parse_shard(spec)


def test_a_slow_file_is_reported_and_the_scan_goes_on(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hms_policy.engine.run as run

    original = run.run_rule

    def slow_on_one_file(rule, match, doc, detectors):  # type: ignore[no-untyped-def]
        if doc.path == "app3.log":
            time.sleep(5)
        return original(rule, match, doc, detectors)

    monkeypatch.setattr(run, "run_rule", slow_on_one_file)
    started = time.monotonic()
    report = hms_policy.scan([tree], settings={"policy": ["hipaa"], "cache": False, "jobs": 1, "file_timeout": 0.3})
    assert time.monotonic() - started < 4
    (timeout,) = [e for e in report.errors if e.reason == "timeout"]
    assert timeout.path == "app3.log" and "file_timeout" in timeout.message
    assert any(f.path == "app4.log" for f in report.findings)
    assert not any(f.path == "app3.log" for f in report.findings)


def test_a_signed_shard_verifies_against_its_tree(tree: Path) -> None:
    from hms_policy.attest.keys import generate

    private, public = generate()
    report = hms_policy.scan([tree], settings={"policy": ["hipaa"], "cache": False, "jobs": 1, "shard": "2/3"})
    envelope = hms_policy.sign(report, private)
    hms_policy.verify(envelope, public, root=tree)
    (tree / "extra.log").write_text("one more file\n")
    if in_shard("extra.log", 2, 3):
        with pytest.raises(Exception, match="tree"):
            hms_policy.verify(envelope, public, root=tree)
    else:
        hms_policy.verify(envelope, public, root=tree)  # another shard's file: not this report's tree
