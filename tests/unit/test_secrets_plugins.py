"""hms-policy's detect-secrets plugins, on their own and in a plain detect-secrets setup."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from detect_secrets.core.plugins.util import get_plugins_from_file

from hms_policy.secrets import plugins

# (plugin, file name, line, expected values); synthetic credentials only.
CASES = [
    (plugins.DatabaseUrlPasswordDetector, "a.py", 'u = "mysql://app:Lp9sW4xR7cVb@db:3306/ehr"', ["Lp9sW4xR7cVb"]),
    (plugins.DatabaseUrlPasswordDetector, "a.py", 'u = "redis://:Hk3mZ8qP1vRt@cache:6379/0"', ["Hk3mZ8qP1vRt"]),
    (plugins.DatabaseUrlPasswordDetector, "a.py", 'u = "jdbc:postgresql://db/ehr?user=app&password=Rv6tB3nM9xKz"', ["Rv6tB3nM9xKz"]),
    (plugins.DatabaseUrlPasswordDetector, "a.py", 'u = "mysql://root:root@localhost/ehr"', []),
    (plugins.DatabaseUrlPasswordDetector, "a.py", 'u = "postgres://app:{password}@db/ehr"', []),
    (plugins.AzureConnectionStringDetector, "a.cs", 's = "AccountName=x;AccountKey=K/gjQEHzVIfYbGafzL/g5z1+cyCtCnVwAyQedSIQqSQ=;"', ["K/gjQEHzVIfYbGafzL/g5z1+cyCtCnVwAyQedSIQqSQ="]),
    (plugins.AzureSasTokenDetector, "a.txt", "?sv=2022-11-02&sp=r&sig=q8Vf3nT0rLk2Wm9Xy7Zb1Cd4Ef6Gh8Ij0Kl2Mn4OpQ%3D", ["q8Vf3nT0rLk2Wm9Xy7Zb1Cd4Ef6Gh8Ij0Kl2Mn4OpQ%3D"]),
    (plugins.AzureSasTokenDetector, "a.txt", "the sig=q8Vf3nT0rLk2Wm9Xy7Zb1Cd4Ef6Gh8Ij0Kl2Mn4OpQ%3D parameter", []),
    (plugins.GoogleApiKeyDetector, "a.js", 'k = "AIzaYJyp6lBcgQFqAiABDQsaJsqGwodqbTEPcwH"', ["AIzaYJyp6lBcgQFqAiABDQsaJsqGwodqbTEPcwH"]),
    (plugins.OAuthClientSecretDetector, "a.py", 'client_secret = settings.CLIENT_SECRET', []),
    (plugins.OAuthClientSecretDetector, "app.yaml", "client-secret: Yt5rE2wQ9sD4fG7hJ1kL3zX6cV8bN0mA", ["Yt5rE2wQ9sD4fG7hJ1kL3zX6cV8bN0mA"]),
    (plugins.JwtSigningSecretDetector, "settings.py", 'SECRET_KEY = "Pq2wE5rT8yU1iO4pA7sD0fG3hJ6kL9zX"', ["Pq2wE5rT8yU1iO4pA7sD0fG3hJ6kL9zX"]),
    (plugins.JwtSigningSecretDetector, "settings.py", 'AWS_SECRET_KEY = "Pq2wE5rT8yU1iO4pA7sD0fG3hJ6kL9zX"', []),
    (plugins.JwtSigningSecretDetector, ".env", "APP_KEY=base64:Pq2wE5rT8yU1iO4pA7sD0fG3hJ6kL9zX", ["Pq2wE5rT8yU1iO4pA7sD0fG3hJ6kL9zX"]),
    (plugins.IntegrationEngineCredentialDetector, "mirth.properties", "keystore.storepass = 81uWxplDtB", ["81uWxplDtB"]),
    (plugins.IntegrationEngineCredentialDetector, "mirth.properties", "keystore.path = /opt/mirth/keystore.jks", []),
    (plugins.IntegrationEngineCredentialDetector, "app.properties", "server.password = Fw6yH2nK9dLs", []),
    (plugins.DotenvSecretDetector, ".env.production", "SENTRY_AUTH_TOKEN=Tn6vB9mK2xQw5zLp", ["Tn6vB9mK2xQw5zLp"]),
    (plugins.DotenvSecretDetector, "config.py", "SENTRY_AUTH_TOKEN=Tn6vB9mK2xQw5zLp", []),
    (plugins.RegistryCredentialFileDetector, ".npmrc", "//npm.example/:_authToken=Wq3eR6tY9uI2oP5aS8dF1gH4", ["Wq3eR6tY9uI2oP5aS8dF1gH4"]),
    (plugins.RegistryCredentialFileDetector, "notes.txt", "//npm.example/:_authToken=Wq3eR6tY9uI2oP5aS8dF1gH4", []),
    (plugins.PrivateKeyMaterialDetector, "k.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----", ["-----BEGIN ENCRYPTED PRIVATE KEY-----"]),
]


@pytest.mark.parametrize(("plugin", "filename", "line", "expected"), CASES, ids=lambda v: getattr(v, "__name__", None))
def test_plugin_finds_exactly_the_secret(plugin: type, filename: str, line: str, expected: list[str]) -> None:
    found = plugin().analyze_line(filename=filename, line=line, line_number=1)
    assert sorted(s.secret_value for s in found) == sorted(expected)


def test_detect_secrets_loads_every_plugin_from_the_module_file() -> None:
    loaded = {cls.secret_type for cls in get_plugins_from_file(plugins.__file__)}
    assert loaded == {
        "Database Connection Password", "Azure Connection String", "Azure SAS Token", "Google Service Account Key",
        "Google API Key", "OAuth Client Secret", "JWT Signing Secret", "Integration Engine Credential",
        "Dotenv Secret", "Registry Credential File", "Private Key Material", "Data Encryption Key",
    }


def test_plain_detect_secrets_scan_uses_the_plugins_and_filters(tmp_path: Path) -> None:
    source = tmp_path / "app.py"
    source.write_text(
        'DB = "postgresql://ehr_app:Tq8w4Zr4Lm2x@db/ehr"\n'
        'DOCS = "postgres://user:password@localhost/db"\n'
        'client_secret = "Zx8vQ2mN7pL4kJ9hG3fD6sA1wE5rT0yU"\n'
    )
    command = [
        sys.executable, "-m", "detect_secrets", "scan", "--plugin", plugins.__file__,
        "--filter", "hms_policy.secrets.filters.is_placeholder_secret", str(source),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=True)
    results = json.loads(done.stdout)["results"]
    found = {(r["line_number"], r["type"]) for entries in results.values() for r in entries}
    assert (1, "Database Connection Password") in found and (3, "OAuth Client Secret") in found
    assert not any(line == 2 for line, _ in found)
