"""A value read up to a line's trailing blank and the same value read by the quoted variant of
the line are one span, so one finding (a folded JAVA_OPTS string in a compose file)."""

from __future__ import annotations

from pathlib import Path

from hms_policy.api import scan


def test_trailing_blank_does_not_split_one_secret_into_two_findings(tmp_path: Path) -> None:
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n  app:\n    image: example/app:1.0\n    environment:\n"
        '      JAVA_OPTS: "-Djavax.net.ssl.trustStore=/etc/app/truststore \n'
        "                      -Djavax.net.ssl.keyStorePassword=Xk29fLqPz7 \n"
        '                      -Djavax.net.ssl.keyStoreType=pkcs12"\n'
    )
    report = scan([tmp_path], cache=False, jobs=1)
    assert [(f.rule_id, f.line) for f in report.findings if f.category == "secret"] == [("SEC011", 6)]


def test_a_value_repeated_inside_its_own_name_is_one_finding_and_masked_everywhere(tmp_path: Path) -> None:
    # (a value of four letters and more that repeats its name is an echo of the name, not a value)
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n  reports:\n    image: example/reports:1.0\n    environment:\n      - rdb_pass=rdb\n"
    )
    report = scan([tmp_path], cache=False, jobs=1)
    secrets = [f for f in report.findings if f.category == "secret"]
    assert [(f.rule_id, f.line) for f in secrets] == [("SEC011", 5)]
    assert "rdb" not in (secrets[0].snippet or "")
    assert "rdb" not in str(report.to_dict()["findings"])
