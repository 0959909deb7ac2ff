"""The public library surface (issue #11, items 4-6): one path or several, severities as
the exported enum or a name, error classes at top level, documented public types."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from gitrepo import PEM_KEY

import hms_policy
from hms_policy import errors
from hms_policy.report.merge import merge_reports

TF = 'resource "aws_db_instance" "p" {\n  storage_encrypted = false\n}\n'  # TF101, high


class Where(os.PathLike):
    """A PathLike that is neither str nor Path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    (root / "infra").mkdir()
    (root / "infra" / "main.tf").write_text(TF)
    (root / "deploy.pem").write_text(PEM_KEY)
    return root


def _scan(paths: Any, **kw: Any) -> hms_policy.Report:
    return hms_policy.scan(paths, read_project_settings=False, jobs=1, cache=False, **kw)


def _ids(report: hms_policy.Report) -> list[tuple[str, str]]:
    return [(f.rule_id, f.path) for f in report.findings]


def test_one_path_is_a_path_not_its_characters(tree: Path) -> None:
    expected = _ids(_scan([tree]))
    assert expected
    for one in (str(tree), tree, Where(tree), (str(tree),)):
        assert _ids(_scan(one)) == expected, one


def test_the_demo_scans_from_one_string() -> None:
    demo = Path(__file__).resolve().parents[1] / "examples" / "hms-demo"
    assert _scan(str(demo)).summary.result == "fail"


def test_every_path_and_name_argument_takes_one_value(tree: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    one = _scan(tree, rules_dirs=str(rules), exclude="infra", disable="SEC100", categories="secret", policies="hipaa")
    many = _scan([tree], rules_dirs=[rules], exclude=["infra"], disable=["SEC100"], categories=["secret"], policies=["hipaa"])
    assert _ids(one) == _ids(many)
    assert _ids(_scan(tree, categories=hms_policy.Category.SECRET)) == _ids(_scan(tree, categories=["secret"])) != []
    assert all(f.path != "infra/main.tf" for f in one.findings)


def test_nothing_to_scan_is_a_usage_error() -> None:
    with pytest.raises(hms_policy.UsageError, match="nothing to scan"):
        hms_policy.scan([])


@pytest.mark.parametrize(
    ("fail_on", "text", "result"),
    [
        (hms_policy.Severity.CRITICAL, "critical", "pass"),
        (hms_policy.Severity.HIGH, "high", "fail"),
        ("CRITICAL", "critical", "pass"),
        (" medium ", "medium", "fail"),
        ("none", "none", "pass"),
    ],
)
def test_fail_on_takes_the_enum_or_a_name(tree: Path, fail_on: Any, text: str, result: str) -> None:
    summary = _scan(tree, fail_on=fail_on, disable="SEC100").summary  # only TF101 (high) is left
    assert (summary.fail_on, summary.result) == (text, result)
    through_settings = hms_policy.scan(tree, jobs=1, settings={"fail_on": fail_on, "disable": ["SEC100"], "cache": False}).summary
    assert (through_settings.fail_on, through_settings.result) == (text, result)


def test_an_unknown_severity_is_a_usage_error(tree: Path) -> None:
    with pytest.raises(hms_policy.UsageError, match="unknown severity 'severe'"):
        _scan(tree, fail_on="severe")
    with pytest.raises(hms_policy.UsageError, match="unknown severity"):
        _scan(tree, fail_on=4)  # an int is not a severity name


def test_merge_takes_the_enum_or_a_name(tree: Path) -> None:
    report = _scan(tree, disable="SEC100", fail_on="none")
    for fail_on, result in [(hms_policy.Severity.HIGH, "fail"), ("high", "fail"), ("critical", "pass"), (None, "pass"), ("none", "pass")]:
        assert merge_reports([report], fail_on=fail_on).summary.result == result, fail_on
    with pytest.raises(hms_policy.UsageError):
        merge_reports([report], fail_on="severe")


def test_verify_takes_any_pathlike(tree: Path, tmp_path: Path) -> None:
    from hms_policy.attest.dsse import dumps

    key = Ed25519PrivateKey.generate()
    envelope = tmp_path / "r.dsse.json"
    envelope.write_text(dumps(hms_policy.sign(_scan(tree), key)))
    assert hms_policy.verify(Where(envelope), key.public_key(), root=str(tree)).tree_checked
    assert hms_policy.verify(envelope, key.public_key(), root=Where(tree)).tree_checked


def test_error_classes_are_exported() -> None:
    for name in ("HmsPolicyError", "UsageError", "ConfigError", "RuleError", "SignatureError"):
        assert name in hms_policy.__all__
        assert getattr(hms_policy, name) is getattr(errors, name)
        assert issubclass(getattr(hms_policy, name), hms_policy.HmsPolicyError)
    defined = {n for n, v in vars(errors).items() if isinstance(v, type) and issubclass(v, Exception)}
    assert defined <= set(hms_policy.__all__)  # a new error class must be exported too


def test_everything_in_all_resolves_and_is_documented() -> None:
    for name in hms_policy.__all__:
        value = getattr(hms_policy, name)
        if name == "__version__":
            continue
        assert (value.__doc__ or "").strip(), f"{name} has no docstring"
        assert name in dir(hms_policy)


@pytest.mark.parametrize("name", [n for n in hms_policy.__all__ if n[0].isupper()])
def test_public_dataclasses_document_every_field(name: str) -> None:
    cls = getattr(hms_policy, name)
    if not dataclasses.is_dataclass(cls):
        return
    doc = cls.__doc__ or ""
    missing = [f.name for f in dataclasses.fields(cls) if f.name not in doc]
    assert not missing, f"{name}'s docstring does not explain {missing}"
