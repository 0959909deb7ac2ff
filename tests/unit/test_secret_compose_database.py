"""SEC011 in a compose file: a password set for a database (a database image's initialisation
variable, or that database's password as the stack's other services use it) is the stack's own
database, reached on the stack's network: reported at medium, with its scope. Any other
password in the file, and database passwords outside compose files, keep their severity."""

from __future__ import annotations

from pathlib import Path

import hms_policy

_COMPOSE = """services:
  db:
    image: postgres:16.3
    environment:
      - POSTGRES_PASSWORD=Zq8Wm3Zr7Tk2
  api:
    image: registry.example.org/ehr-api:2.4.1
    environment:
      DB_PASS: Zq8Wm3Zr7Tk2
      PGPASSWORD: Zq8Wm3Zr7Tk2
      MSSQL_SA_PASSWORD: Zq8Wm3Zr7Tk2
      ADMIN_PASSWORD: Rk4Wn8Tq2Lp6
"""


def _sec011(tmp_path: Path, name: str, text: str) -> dict[int, tuple[str, str | None]]:
    (tmp_path / name).write_text(text)
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    return {f.line: (str(f.severity), f.extra.get("scope")) for f in report.findings if f.rule_id == "SEC011"}


def test_a_compose_stacks_database_password_is_medium(tmp_path: Path) -> None:
    stack = ("medium", "database of the compose stack")
    assert _sec011(tmp_path, "docker-compose.yml", _COMPOSE) == {5: stack, 9: stack, 10: stack, 11: stack, 12: ("high", None)}


def test_database_passwords_elsewhere_keep_their_severity(tmp_path: Path) -> None:
    config = "database:\n  DB_PASS: Zq8Wm3Zr7Tk2\n  POSTGRES_PASSWORD: Zq8Wm3Zr7Tk2\n"
    assert _sec011(tmp_path, "application.yml", config) == {2: ("high", None), 3: ("high", None)}


def _by_rule(tmp_path: Path, name: str, text: str, rule: str) -> dict[int, tuple[str, str | None]]:
    (tmp_path / name).write_text(text)
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    return {f.line: (str(f.severity), f.extra.get("scope")) for f in report.findings if rule in (f.rule_id, *f.extra.get("also_rules", ()))}


def test_a_database_url_to_a_service_of_the_stack_is_medium(tmp_path: Path) -> None:
    compose = (
        "services:\n"
        "  api:\n"
        "    image: registry.example.org/ehr-api:2.4.1\n"
        "    environment:\n"
        "      - DATABASE_URL=postgresql://ehr:Zq8Wm3Zr7Tk2@postgres:5432/ehr\n"
        "      - REPORTS_URL=postgresql://ehr:Zq8Wm3Zr7Tk2@db.prod.example.org:5432/ehr\n"
    )
    found = _by_rule(tmp_path, "docker-compose.yml", compose, "SEC101")
    assert found[5] == ("medium", "database of the compose stack")
    assert found[6][0] in ("high", "critical") and found[6][1] is None  # a host outside the stack
