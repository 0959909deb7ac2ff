"""The value tests behind the secret filters: what is a stand-in, a reference, an example,
a hash or inline image data, and what is a real value."""

from __future__ import annotations

import pytest

from hms_policy.secrets import placeholders

PLACEHOLDERS = [
    "changeme", "CHANGE_ME", "change-me-in-production", "changeit", "<password>", "<your-token>", "xxx",
    "xxxxxxxxxxxx", "********", "${DB_PASSWORD}", "${{ secrets.TOKEN }}", "{{ db_password }}",
    "{{.Values.db.password}}", "%(password)s", "%s", "{password}", "{0}", "$DB_PASSWORD", "$(SECRET)",
    "%DB_PASSWORD%", "@db.password@", "#{Secret}#", "your-api-key-here", "YOUR_API_KEY", "yourApiKey",
    "my_secret_password", "insert-token-here", "REPLACE_WITH_TOKEN", "dummy-secret-123", "example-key",
    "[REDACTED]", "...", "password", "secret", "abababab", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "",
    # the default of a `${VAR:default}` that only marks the value as not set
    "MISSING", "MISSING}", "super-secret-api-key}", "super-secret-access-key-id}", "unset",
    # a deliberately wrong value, sent to test the failure path
    "incorrect", "wrong-password", "invalid_token", "not-a-secret",
    # the upper-case name of what goes there (help text: `USERNAME:URL_ENCODED_PASSWORD@host`)
    "URL_ENCODED_PASSWORD", "DB_PASSWORD", "SERVICE_ACCOUNT_TOKEN",
    # a key's prefix padded out to the key's length
    "AKIAZZZZZZZZZZZZZZZZ", "ghp_000000000000000000000000000000000000",
]
REAL = ["SuperSecretPassword", "superman1941", "hunter2hunter2", "Tq8w!Zr4Lm2x", "2gKNTn%Bt9CnSVoJ", "admin", "rmfN4eUqlLP1wzqUIvG9LRo7jsCYUlYbHp6VHWVn", "S3cr3tPassw0rd", "PASSWORD_Q8x7Lk", "K9_PASSWORD", "AKIAZ7Q2ZZ4KZZLMZZPZ"]


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_placeholders_are_not_secrets(value: str) -> None:
    assert placeholders.is_placeholder(value)


@pytest.mark.parametrize("value", REAL)
def test_real_looking_values_are_not_placeholders(value: str) -> None:
    assert not placeholders.is_not_secret(value)


@pytest.mark.parametrize(
    "value",
    [
        "vault:secret/data/ehr#password", "aws-secretsmanager:prod/ehr/db", "arn:aws:secretsmanager:ap-south-1:1:secret:x",
        "op://ehr/db/password", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)",
        "os.environ['DB_PASSWORD']", "process.env.DB_PASSWORD", "System.getenv(\"DB_PASSWORD\")", "ENV['DB_PASSWORD']",
        "{{resolve:secretsmanager:prod/db:SecretString:password}}", "/run/secrets/db_password",
    ],
)
def test_references_are_not_secrets(value: str) -> None:
    assert placeholders.is_reference(value)


@pytest.mark.parametrize(
    "value",
    [
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.",
    ],
)
def test_vendor_documentation_keys_are_examples(value: str) -> None:
    assert placeholders.is_vendor_example(value)


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("sha512-Q1cyVKJ3QZSZ9f8nnpHXoKl1gP5bT2y6yEbg1v3MlZ8LLyIYvRZ9wHTVnUG1u8iV8Zq4eF5n2JvKwA3QJmUu9g==", '"integrity": "..."'),
        ("h1:Qh3ZfR8mAvY2dsYqrtDgsCaFlzQnhYhbr0pFW0KlQuM=", "golang.org/x/net v0.1.0 h1:..."),
        ("$2b$12$KIXQJQ0b2b8QX9Q7i3Yd0u4rM5n5qYq8W8W6z8mX3lG7hQ9v1eP2a", "password_hash: ..."),
        ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 'sha256 = "..."'),
        ("9fceb02d0ae598e95dc970b74767f19372d61af8", "commit: ..."),
    ],
)
def test_hashes_are_not_secrets(value: str, line: str) -> None:
    assert placeholders.is_hash(value, line)


def test_a_hex_key_without_a_digest_name_is_not_taken_for_a_hash() -> None:
    assert not placeholders.is_hash("9fceb02d0ae598e95dc970b74767f19372d61af8", 'api_key = "..."')


def test_inline_images_are_not_secrets() -> None:
    assert placeholders.is_image_data("iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB", 'logo = "data:image/png;base64,iVBOR..."')
    assert placeholders.is_image_data("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
    assert not placeholders.is_image_data("rmfN4eUqlLP1wzqUIvG9LRo7jsCYUlYbHp6VHWVn", 'key = "..."')


@pytest.mark.parametrize(
    ("value", "line", "expected"),
    [
        ("changePassword", "CHANGE_PASSWORD = 'changePassword'", True),
        ("admin_password", "admin_password='admin_password',", True),
        ("guest", 'url = "amqp://guest:guest@localhost/"', True),
        ("Tq8w4Zr4Lm2x", 'password = "Tq8w4Zr4Lm2x"', False),
    ],
)
def test_a_value_repeating_its_name_or_user_is_not_a_secret(value: str, line: str, expected: bool) -> None:
    from hms_policy.secrets.filters import is_key_echo

    assert is_key_echo(value, line) is expected


@pytest.mark.parametrize(
    ("value", "line", "expected"),
    [("ceph", "secret_type = 'ceph'", True), ("x", "api_key_name: 'x'", True), ("Hq4vP9zL2xWm", "password = 'Hq4vP9zL2xWm'", False)],
)
def test_names_that_describe_a_credential_do_not_hold_one(value: str, line: str, expected: bool) -> None:
    from hms_policy.adapters.detect_secrets import _scanner
    from hms_policy.secrets.filters import is_metadata_name

    assert is_metadata_name(value, line, _scanner().plugins["Secret Keyword"]) is expected


def test_a_value_beside_its_salt_is_a_stored_hash_but_not_a_value_far_from_it() -> None:
    from hms_policy.secrets.placeholders import is_hash

    value = "Fg3FxW9siOcK1IqOlmJ5kUP6i3cGA4J1uxz5xtHojK3WvP6maAyW"
    beside = '"secretData": "{\\"value\\":\\"' + value + '\\",\\"salt\\":\\"q8Wm3Zr7Tk2Lp9==\\"}"'
    assert is_hash(value, beside)
    far = '{"db": {"password": "' + value + '"}, ' + '"padding": "' + "x" * 200 + '", "auth": {"salt": "q8Wm3Zr7"}}'
    assert not is_hash(value, far)


def test_a_table_of_test_inputs_is_found_from_the_top_level_line_with_or_without_the_index() -> None:
    from hms_policy.secrets.values import in_test_data_block, top_level_lines

    lines = ["TEST_CASES = {", '    "verify": {', '        "token": "x",', "    },", "}", "SETTINGS = {", '    "token": "y",', "}"]
    openers = top_level_lines(lines)
    assert [in_test_data_block(lines, i, openers) for i in range(len(lines))] == [False, True, True, True, False, False, False, False]
    assert [in_test_data_block(lines, i) for i in range(len(lines))] == [False, True, True, True, False, False, False, False]
