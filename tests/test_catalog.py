"""Every shipped rule and pack is valid; malformed ones fail with a message naming file, rule
and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from hms_policy._resources import builtin_pack_files, builtin_rules_dir
from hms_policy.api import load_catalogue
from hms_policy.catalog.packs import check_references, load_pack_file, select_packs
from hms_policy.catalog.rules import load_rule_file, load_rules, schema_errors
from hms_policy.errors import RuleError, UsageError
from hms_policy.model import Category

RULE_FILES = sorted(p for p in builtin_rules_dir().rglob("*.yaml") if not p.name.startswith("_"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_shipped_rule_validates(path: Path) -> None:
    rule = load_rule_file(path, validate=True)
    assert path.name == f"{rule.id}-{rule.name}.yaml"
    if rule.category in (Category.SECRET, Category.PHI_EXPOSURE):
        assert rule.redaction is not None


def test_every_rule_is_mapped_by_a_shipped_pack() -> None:
    catalogue = load_catalogue(["hipaa", "gdpr", "ndhm", "hipaa-strict"])
    mapped = {r for pack in catalogue.packs for c in pack.controls for r in c.rules}
    assert set(catalogue.rules.rules) - mapped == set()
    check_references(catalogue.packs, catalogue.rules)


def test_shipped_packs_cover_the_required_controls() -> None:
    packs = {p.id: p for p in select_packs(["hipaa,gdpr,ndhm"], builtin_pack_files())}
    hipaa = {c.id for c in packs["hipaa"].controls}
    assert {"164.312(a)(1)", "164.312(a)(2)(i)", "164.312(a)(2)(iv)", "164.312(b)", "164.312(c)(1)",
            "164.312(d)", "164.312(e)(1)", "164.312(e)(2)(ii)", "164.308(a)(7)"} <= hipaa
    gdpr = {c.citation for c in packs["gdpr"].controls}
    assert {"Art. 5(1)(f)", "Art. 25", "Art. 32(1)(a)-(d)", "Art. 44-49"} <= gdpr
    assert {"hdmp-security", "hdmp-consent", "hdmp-audit", "hdmp-localisation"} <= {c.id for c in packs["ndhm"].controls}
    for pack in packs.values():
        assert pack.digest.startswith("sha256:") and len(pack.digest) == 71


GOOD_RULE = """\
id: TST001
name: test-rule
title: A rule used by the catalogue tests
category: insecure-transport
severity: high
target: {kinds: [config]}
match: {kind: regex, pattern: "http://"}
message: plain HTTP
description: Flags plain HTTP in configuration.
remediation: Use HTTPS.
"""


def write_rule(tmp_path: Path, text: str, name: str = "TST001-test-rule.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_user_rule_directory_loads(tmp_path: Path) -> None:
    write_rule(tmp_path, GOOD_RULE)
    catalog = load_rules([(tmp_path, True)])
    assert catalog.get("TST001").title.startswith("A rule")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("category: insecure-transport", "category: insecure"), "category"),
        (("severity: high", "severity: severe"), "severity"),
        (("id: TST001", "id: tst1"), "id"),
        (("name: test-rule", "name: Test_Rule"), "name"),
        (("match: {kind: regex, pattern: \"http://\"}", "match: {kind: regex}"), "pattern"),
        (("match: {kind: regex, pattern: \"http://\"}", "match: {kind: regex, pattern: \"(\"}"), "invalid regular expression"),
        (("match: {kind: regex, pattern: \"http://\"}", "match: {kind: condition, require: {path: a, bogus: 1}}"), "match"),
        (("match: {kind: regex, pattern: \"http://\"}", "match: {kind: detector, detector: hms.no.such}"), "unknown detector"),
        (("target: {kinds: [config]}", "target: {kinds: [cobol]}"), "target.kinds"),
        (("remediation: Use HTTPS.\n", "remediation: Use HTTPS.\ncolour: red\n"), "colour"),
        (("category: insecure-transport", "category: secret"), "redaction"),
    ],
)
def test_malformed_rule_names_file_rule_and_field(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = write_rule(tmp_path, GOOD_RULE.replace(*change))
    rule_id = "tst1" if "tst1" in change[1] else "TST001"
    with pytest.raises(RuleError) as caught:
        load_rules([(tmp_path, True)], known_detectors=["hms.k8s.privileged_container"])
    text = str(caught.value)
    assert str(path) in text or "file name" in text
    assert rule_id in text
    assert message in text


def test_rule_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    write_rule(tmp_path, GOOD_RULE + "broken: [\n")
    with pytest.raises(RuleError, match=r"invalid YAML at line \d+"):
        load_rules([(tmp_path, True)])


def test_duplicate_rule_id_is_rejected(tmp_path: Path) -> None:
    write_rule(tmp_path, GOOD_RULE)
    (tmp_path / "sub").mkdir()
    write_rule(tmp_path / "sub", GOOD_RULE.replace("name: test-rule", "name: other-rule"), "TST001-other-rule.yaml")
    with pytest.raises(RuleError, match="already used"):
        load_rules([(tmp_path, True)])


def test_rule_schema_reports_every_problem() -> None:
    problems = schema_errors({"id": "X"}, "rule.v1")
    assert len(problems) >= 2


PACK = """\
id: acme
version: "1"
title: ACME internal controls
parameters: {allowed_regions: [eu-west-1]}
severity_overrides: {TF101: critical}
controls:
  - id: enc
    title: Encrypt databases
    rules: [TF101]
"""


def test_user_pack_file_is_selectable_by_path(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(PACK)
    (pack,) = select_packs([str(path)], builtin_pack_files())
    assert pack.id == "acme" and pack.parameters["allowed_regions"] == ["eu-west-1"]
    assert str(pack.severity_overrides["TF101"]) == "critical"


def test_unknown_policy_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown policy 'hippa'"):
        select_packs(["hippa"], builtin_pack_files())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("rules: [TF101]", "rules: TF101"), "rules"),
        (("version: \"1\"", "version: \"\""), "version"),
        (("- id: enc", "- idx: enc"), "controls"),
    ],
)
def test_malformed_pack_is_a_clear_error(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(PACK.replace(*change))
    with pytest.raises(RuleError) as caught:
        load_pack_file(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_pack_referencing_unknown_rule_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(PACK.replace("rules: [TF101]", "rules: [TF999]"))
    catalogue = load_catalogue(["hipaa"])
    with pytest.raises(RuleError, match="unknown rule TF999"):
        check_references([load_pack_file(path)], catalogue.rules)
