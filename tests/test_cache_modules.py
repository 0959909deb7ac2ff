"""A cached Terraform result is not reused after a module it followed changes."""

from __future__ import annotations

from pathlib import Path

import hms_policy

CALLER = 'module "db" {\n  source = "../modules/db"\n  encrypted = true\n}\n'
MODULE_OK = 'variable "encrypted" {}\nresource "aws_db_instance" "this" {\n  storage_encrypted = var.encrypted\n}\n'
MODULE_BAD = 'variable "encrypted" {}\nresource "aws_db_instance" "this" {\n  storage_encrypted = false\n}\n'


def tf101_in_caller(report) -> list[str]:
    """TF101 found through the caller: at the call, or (when the scan also holds the module,
    engine/module_findings.py) folded into the module's own finding, listing the call."""
    out = []
    for f in report.findings:
        if f.rule_id != "TF101":
            continue
        if f.path.startswith("live/"):
            out.append(f.entity)
        out += [f"{c['module']}.{f.entity}" for c in f.extra.get("module_calls", ()) if c["path"].startswith("live/")]
    return out


def test_module_change_invalidates_the_callers_cached_result(tmp_path: Path) -> None:
    tree, cache = tmp_path / "tree", tmp_path / "cache"
    (tree / "live").mkdir(parents=True)
    (tree / "modules" / "db").mkdir(parents=True)
    (tree / "live" / "main.tf").write_text(CALLER)
    module = tree / "modules" / "db" / "main.tf"
    module.write_text(MODULE_OK)
    settings = {"policy": ["hipaa"], "cache_dir": str(cache), "jobs": 1}
    assert tf101_in_caller(hms_policy.scan([tree], settings=dict(settings))) == []
    module.write_text(MODULE_BAD)  # the caller's own file is unchanged
    assert tf101_in_caller(hms_policy.scan([tree], settings=dict(settings))) == ["module.db.aws_db_instance.this"]
    (tree / "modules" / "db" / "extra.tf").write_text('resource "aws_db_instance" "more" {\n  storage_encrypted = false\n}\n')
    found = tf101_in_caller(hms_policy.scan([tree], settings=dict(settings)))
    assert "module.db.aws_db_instance.more" in found
