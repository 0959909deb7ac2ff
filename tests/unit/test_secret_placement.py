"""Where a secret sits in its file: a `<!-- ... -->` block spanning lines takes its lines out of
effect for the guessing rules; a `development:` section of per-environment YAML caps it at medium."""

from __future__ import annotations

import json
from pathlib import Path

import hms_policy

from hms_policy.secrets.filters import names_a_setting
from hms_policy.secrets.values import in_markup_comment

_LINES = ["<Context>", "  <!--", '  <Resource password="x"', "  />", "  -->", '  <Resource password="y"/>']


def test_lines_inside_a_markup_comment() -> None:
    assert in_markup_comment(_LINES, 2) and in_markup_comment(_LINES, 3)
    assert not in_markup_comment(_LINES, 5)
    assert not in_markup_comment(_LINES, 4)  # the closing line may carry live content after it
    assert not in_markup_comment(["<!-- one line -->", 'password="z"'], 1)


def test_a_constant_naming_a_setting() -> None:
    assert names_a_setting(["user", "property", "change", "password"], "forcePassword")
    assert not names_a_setting(["admin", "password"], "forcePassword")  # no setting word in the key
    assert not names_a_setting(["property", "password"], "s3cr3t!pw")  # the value is not a name


def test_a_development_section_caps_a_secret_at_medium(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "secrets.yml").write_text(
        "development:\n  secret_key_base: 9c4e1f7a2b8d3f6051a4c9e2d7b0f3a8c5e1d4b79c4e1f7a2b8d3f6051a4c9e2d7b0f3\n"
        "production:\n  secret_key_base: 3f7a2b8d3f6051a4c9e2d7b0f3a8c5e1d4b79c4e1f7a2b8d3f6051a4c9e2d7b0f3a8c5\n"
    )
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = {f.line: (str(f.severity), f.extra.get("section")) for f in report.findings if f.rule_id == "SEC107"}
    assert found[2] == ("medium", "development")
    assert found[4] == ("critical", None)


def test_a_section_whose_connections_are_all_loopback_caps_a_secret_at_medium(tmp_path: Path) -> None:
    (tmp_path / "application.yml").write_text(
        "spring:\n"
        "  datasource:\n"
        "    url: jdbc:postgresql://localhost:5432/emr\n"
        "    username: emr\n"
        "    password: Kq8vR3zLp2Wn7xTm\n"  # line 5: a developer's local database
        "  flyway:\n"
        "    user: emr_admin\n"
        "    password: Hz4nW8sQe1TyPv6m\n"  # line 8: same section, same local database
        "reporting:\n"
        "  url: jdbc:postgresql://reports.hospital-db.org:5432/emr\n"
        "  fallback: jdbc:postgresql://localhost:5432/emr\n"
        "  password: Vq7rT2pLx9KwBn3c\n"  # line 12: the section also names a real host
        "security:\n"
        "  authPassword: Mx5cB9vN2qLz8RtY\n"  # line 14: no connection at all
    )
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = {f.line: str(f.severity) for f in report.findings if f.rule_id == "SEC011"}
    assert found == {5: "medium", 8: "medium", 12: "high", 14: "high"}


def test_a_key_file_named_for_development_is_capped_at_medium(tmp_path: Path) -> None:
    body = (Path(__file__).parents[1] / "rules" / "SEC100" / "bad.pem").read_text()
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "self-signed.key").write_text(body)
    (tmp_path / "certs" / "localhost-key.pem").write_text(body)
    (tmp_path / "certs" / "server.key").write_text(body)
    (tmp_path / "certs" / "latest.key").write_text(body)  # "test" inside a word is no marker
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = {f.path.rsplit("/", 1)[-1]: str(f.severity) for f in report.findings if f.rule_id == "SEC100"}
    assert found == {"self-signed.key": "medium", "localhost-key.pem": "medium", "server.key": "critical", "latest.key": "critical"}


def test_a_download_finding_never_shows_the_urls_user_info(tmp_path: Path) -> None:
    secret = "Zq8vR3xLm9Wp2kTn"
    (tmp_path / "Dockerfile").write_text(
        "FROM debian:12.5-slim\n"
        f"RUN curl -fsSL https://builder:{secret}@artifacts.hospital-build.org/tools/agent.tar.gz -o /tmp/a.tgz && tar -xzf /tmp/a.tgz -C /opt\n"
    )
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = [f for f in report.findings if f.rule_id == "DKR008"]
    assert found and all("artifacts.hospital-build.org" in f.message for f in found)
    assert secret not in json.dumps(report.to_dict())


def test_a_connection_string_to_loopback_is_capped_at_medium(tmp_path: Path) -> None:
    (tmp_path / "db.py").write_text(
        'LOCAL = "postgresql://postgres:Zq8vR2mLx@localhost:5438/codevec"\n'
        'LOOPBACK = "mysql://app:Zq8vR2mLx@127.0.0.1:3306/emr"\n'
        'REMOTE = "postgresql://postgres:Zq8vR2mLx@db.internal.example.org:5432/app"\n'
        'SPOOFED = "postgresql://postgres:Zq8vR2mLx@localhost.evil.org:5432/app"\n'  # hard negative: not loopback
    )
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = {f.line: (str(f.severity), f.extra.get("host")) for f in report.findings if f.rule_id == "SEC101"}
    assert found == {1: ("medium", "loopback"), 2: ("medium", "loopback"), 3: ("critical", None), 4: ("critical", None)}


def test_a_well_known_default_password_is_capped_at_medium(tmp_path: Path) -> None:
    (tmp_path / "app.properties").write_text(
        "admin.password=Admin123\n"  # a documented default word with digits
        "db.user=clinlims\ndb.password=clinlims\n"  # the password repeats the user's name
        "keystore.password=changeit\n"
        "api.password=Zq8vR2mLx7Tw\n"  # a generated value stays high
        "smtp.password=SuperSecretPassword\n"  # several words run together: not one default word
    )
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = {f.line: (str(f.severity), f.extra.get("default_credential")) for f in report.findings if f.rule_id == "SEC011"}
    assert found[1] == ("medium", True) and found[3] == ("medium", True)
    assert found[5] == ("high", None) and found[6] == ("high", None)


def test_a_default_password_of_a_local_service_is_no_leak(tmp_path: Path) -> None:
    """`spring.datasource.password=postgres` beside a localhost URL: the product's documented
    default for a developer's own database. The same default for a remote host, or a generated
    password for the local one, is still reported."""
    (tmp_path / "application.properties").write_text(
        "spring.datasource.url=jdbc:postgresql://localhost:5432/postgres\n"
        "spring.datasource.username=postgres\n"
        "spring.datasource.password=postgres\n"
        "spring.flyway.url=jdbc:postgresql://db.prod.example.org:5432/app\n"
        "spring.flyway.password=postgres\n"  # hard negative: a remote database
        "spring.mail.host=localhost\n"
        "spring.mail.password=Zq8vR2mLx7Tw\n"  # a generated value: judged, capped as local
    )
    (tmp_path / "local.yaml").write_text(
        "database:\n  url: postgresql://localhost:5432/emr\n  password: postgres\n"
    )
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = {(f.path, f.line) for f in report.findings if f.rule_id == "SEC011"}
    assert found == {("application.properties", 5), ("application.properties", 7)}
