"""Every rule has bad and good fixtures; bad ones fire exactly on the annotated lines."""

from __future__ import annotations

import pytest

from ruleharness import RULES_FIXTURES, catalogue, expected_lines, fixture_files, run_rule_on, sidecar

ALL_RULES = sorted(r.id for r in catalogue().rules.rules.values())


@pytest.mark.parametrize("rule_id", ALL_RULES)
def test_rule_has_fixtures(rule_id: str) -> None:
    assert fixture_files(rule_id, "bad"), f"tests/rules/{rule_id}/bad.* is missing"
    assert fixture_files(rule_id, "good"), f"tests/rules/{rule_id}/good.* is missing"


def test_every_fixture_folder_has_a_rule() -> None:
    orphans = sorted(p.name for p in RULES_FIXTURES.iterdir() if p.is_dir() and p.name not in ALL_RULES)
    assert not orphans


@pytest.mark.parametrize("rule_id", ALL_RULES)
def test_bad_fixtures_fire_on_annotated_lines(rule_id: str) -> None:
    pack = sidecar(rule_id).get("pack")
    for bad in fixture_files(rule_id, "bad"):
        findings, _ = run_rule_on(rule_id, bad, pack)
        base = bad.parent if bad.is_file() else bad
        flagged = {((base / f.path).relative_to(base).as_posix() if not bad.is_file() else f.path, f.line) for f in findings if f.rule_id == rule_id}
        expected = expected_lines(rule_id, bad)
        assert expected, f"{bad} has no `expect: {rule_id}` annotation"
        assert flagged == expected, f"{bad}: missing {sorted(expected - flagged)}, unexpected {sorted(flagged - expected)}"


@pytest.mark.parametrize("rule_id", ALL_RULES)
def test_good_fixtures_are_quiet(rule_id: str) -> None:
    pack = sidecar(rule_id).get("pack")
    for good in fixture_files(rule_id, "good"):
        findings, _ = run_rule_on(rule_id, good, pack)
        assert not [(f.path, f.line) for f in findings if f.rule_id == rule_id], f"{good} should produce no {rule_id} finding"
