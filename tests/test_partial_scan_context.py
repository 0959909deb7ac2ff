"""A partial scan (a hook's files, --staged, --diff) judges a file with its directory's other
files, as a full scan does: no false alarm because a neighbour was not part of the change."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import hms_policy

BUCKET = 'resource "aws_s3_bucket" "phi" {\n  bucket = "hms-phi"\n}\n'
ENCRYPTION = '''resource "aws_s3_bucket_server_side_encryption_configuration" "phi" {
  bucket = aws_s3_bucket.phi.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:ap-south-1:111122223333:key/x"
    }
  }
}
'''
NAMESPACE = """apiVersion: v1
kind: Namespace
metadata:
  name: hms
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: hms}
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1.2.3
"""
NETPOL = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: hms}
spec:
  podSelector: {}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "infra").mkdir()
    (tmp_path / "k8s").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(BUCKET)
    (tmp_path / "infra" / "encryption.tf").write_text(ENCRYPTION)
    (tmp_path / "k8s" / "ns.yaml").write_text(NAMESPACE)
    (tmp_path / "k8s" / "netpol.yaml").write_text(NETPOL)
    return tmp_path


def rules(report) -> set[tuple[str, str]]:
    return {(f.rule_id, f.path) for f in report.findings}


def test_explicit_files_see_their_neighbours(tree: Path) -> None:
    full = hms_policy.scan([tree], settings={"cache": False})
    part = hms_policy.scan([tree / "infra" / "main.tf", tree / "k8s" / "ns.yaml"], settings={"cache": False})
    wanted = {r for r in rules(full) if r[1].endswith(("infra/main.tf", "k8s/ns.yaml"))}
    assert {(r, p.rsplit("/", 2)[-2] + "/" + p.rsplit("/", 1)[-1]) for r, p in rules(part)} == {(r, p) for r, p in wanted}
    assert not {r for r, _ in rules(part)} & {"TF103", "K8S060"}
    # Context files are read, never reported on, and not part of the tree digest.
    assert part.target.files_scanned == 2
    assert not [f for f in part.findings if f.path.endswith(("encryption.tf", "netpol.yaml"))]


def test_staged_scan_sees_neighbours(tree: Path) -> None:
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=tree, check=True)
    subprocess.run([*git, "add", "."], cwd=tree, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=tree, check=True)
    (tree / "infra" / "main.tf").write_text(BUCKET + "\n# touched\n")
    subprocess.run([*git, "add", "infra/main.tf"], cwd=tree, check=True)
    report = hms_policy.scan([tree], staged=True, settings={"cache": False})
    assert report.target.files_scanned == 1
    assert "TF103" not in {f.rule_id for f in report.findings}
