"""A resource of a local module is reported once, at the resource, with the calls in extra."""

from __future__ import annotations

from pathlib import Path

from hms_policy.api import scan


def _tree(root: Path) -> None:
    (root / "modules" / "store").mkdir(parents=True)
    (root / "main.tf").write_text(
        'module "records" {\n  source = "./modules/store"\n}\n'
        'module "images" {\n  source = "./modules/store"\n}\n'
    )
    (root / "modules" / "store" / "main.tf").write_text(
        'resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n'
    )


def _tf101(paths: list[Path]) -> list:
    report = scan(paths, policies=["hipaa"], cache=False, jobs=1)
    return [f for f in report.findings if f.rule_id == "TF101"]


def test_module_resource_reported_once_at_the_resource(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = _tf101([tmp_path])
    assert [(f.path, f.line, f.entity) for f in found] == [("modules/store/main.tf", 3, "aws_db_instance.db")]
    calls = found[0].extra["module_calls"]
    assert [(c["path"], c["line"], c["module"]) for c in calls] == [("main.tf", 1, "module.records"), ("main.tf", 4, "module.images")]


def test_module_outside_the_scan_is_reported_once_at_the_first_call(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = _tf101([tmp_path / "main.tf"])
    assert [(f.path, f.line) for f in found] == [("main.tf", 1)]
    assert len(found[0].extra["module_calls"]) == 2


def test_a_root_named_through_a_symlink_keeps_module_findings_at_the_resource(tmp_path: Path) -> None:
    """`scan link/repo` where `link` points elsewhere: module directories resolve to the target,
    and are still the scanned tree's own files."""
    real = tmp_path / "real" / "repo"
    real.mkdir(parents=True)
    _tree(real)
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    found = _tf101([tmp_path / "link" / "repo"])
    assert [(f.path, f.line, f.entity) for f in found] == [("modules/store/main.tf", 3, "aws_db_instance.db")]
    assert len(found[0].extra["module_calls"]) == 2
