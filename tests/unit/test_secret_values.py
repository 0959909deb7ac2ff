"""What a keyword or entropy find's value is when it is no credential."""

from __future__ import annotations

import pytest

from hms_policy.secrets.constants import _modp_primes, is_published_constant
from hms_policy.secrets.data_values import is_data_not_key
from hms_policy.secrets.values import is_ci_pipeline, is_ci_pipeline_file, is_comment_line, is_inside_blob, is_not_credential


def _probably_prime(n: int) -> bool:
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def test_the_computed_modp_groups_are_primes_of_the_rfc_shape() -> None:
    for prime in _modp_primes()[:5]:
        assert prime.startswith("ffffffffffffffffc90fdaa22168c234") and prime.endswith("ffffffffffffffff")
        assert _probably_prime(int(prime, 16))


@pytest.mark.parametrize("value", ["428a2f98d728ae22", "6a09e667f3bcc908", "d41d8cd98f00b204e9800998ecf8427e", "C90FDAA22168C234C4C6628B80DC1CD1"])
def test_published_constants(value: str) -> None:
    assert is_published_constant(value)


def test_a_random_hex_key_is_no_published_constant() -> None:
    assert not is_published_constant("8301f04c87f822624bfb37b09eb98558")


@pytest.mark.parametrize(
    "value",
    ["user.login.error.password.required", "NEXUS_PASSWORD", "Please enter a password", "true", "inherit",
     "required|min:8", "NoLongerUsed", "notsupplied", "not_provided", "/service/backend/db_password", "devise/passwords", r"\$pass\s*=\s*'([^']*)'"],
)
def test_keyword_values_that_are_not_credentials(value: str) -> None:
    assert is_not_credential(value, f"password = '{value}'")


@pytest.mark.parametrize("value", ["Tq8w4Zr4Lm2x", "Winter-Rounds-2031", "s3cr3t!pass"])
def test_keyword_values_that_may_be_credentials(value: str) -> None:
    assert not is_not_credential(value, f"password = '{value}'")


def test_a_value_inside_an_arn_is_an_identifier() -> None:
    line = "export DB_SECRET_ARN='arn:aws:secretsmanager:eu-west-1:111122223333:secret:ehr-Ab12Cd'"
    assert is_not_credential("eu-west-1:111122223333:secret:ehr-Ab12Cd", line)


@pytest.mark.parametrize("line", ["# password: x", "  // token = 'x'", " * secret: x", "-- pwd = 'x'", "; pass = x"])
def test_comment_lines(line: str) -> None:
    assert is_comment_line(line)


@pytest.mark.parametrize("line", ["#define SECRET \"x\"", "password: x  # note", "#!/bin/sh"])
def test_not_comment_lines(line: str) -> None:
    assert not is_comment_line(line)


def test_ci_pipeline_files() -> None:
    assert is_ci_pipeline_file(".github/workflows/ci.yml") and is_ci_pipeline_file("svc/.gitlab-ci.yml")
    assert is_ci_pipeline_file(".github/helper/site_config.json")  # a CI job's throwaway site
    assert not is_ci_pipeline_file("github/config.json")
    assert not is_ci_pipeline_file("deploy/values.yml")
    workflow = ["name: t", "jobs:", "  test:", "    runs-on: ubuntu-latest"]
    assert is_ci_pipeline("tools/skeletons/module-test.yml", workflow)
    assert not is_ci_pipeline("deploy/values.yml", ["jobs:", "  replicas: 2"])


def test_a_key_id_run_inside_base64_is_part_of_the_blob() -> None:
    assert is_inside_blob("AKIAQX7PLM2RT5VW9YZB", '"x.ttf": "AAEAAAAS0AKIAQX7PLM2RT5VW9YZBq9rT"')
    assert not is_inside_blob("AKIAQX7PLM2RT5VW9YZB", 'aws_access_key_id = "AKIAQX7PLM2RT5VW9YZB"')


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("a4YEwrZYhOSTAnYGxrqC2DZMcjq8meuT", '<changeSet id="a4YEwrZYhOSTAnYGxrqC2DZMcjq8meuT" author="x">'),
        ("5167085dca5ba907adf9d78b1907a92ef5798330", '"reference": "5167085dca5ba907adf9d78b1907a92ef5798330",'),
        ("ObVzFl8RY5jCPDnc493B6R0ORdkovLfJnygng5WFqfqrZoHAc9NETdywts3HXBau", 'VAPID_PUBLIC_KEY = "ObVzFl8RY5jCPDnc493B6R0ORdkovLfJnygng5WFqfqrZoHAc9NETdywts3HXBau"'),
        ("8301f04c87f822624bfb37b09eb98558", "('CODES', 'VENDOR', 'codes.zip', '8301f04c87f822624bfb37b09eb98558');"),
        ("bdghjmnpqrstvzacefiklowxy", "$consonants = 'bdghjmnpqrstvzacefiklowxy';"),
        # Alembic merge revisions: items of a tuple named by its key, in code and docstring
        ("c3d394d9dfd1", "down_revision = ('481d8266a4c0', 'c3d394d9dfd1')"),
        ("481d8266a4c0", "Revises: ('481d8266a4c0', 'c3d394d9dfd1')"),
        # a password generator's character set in keyboard order; a timestamped migration name;
        # a domain-ownership token published in the site's HTML
        ("123456789qwertyuiopasdfghjklzxcvbnmQWERTYUIOPASDFGHJKLZXCVBNM", "    chars = '123456789qwertyuiopasdfghjklzxcvbnmQWERTYUIOPASDFGHJKLZXCVBNM'"),
        ("1744340076240-fixRaceConditionInSettingUpdateSync", "const LAST_MIGRATION = '1744340076240-fixRaceConditionInSettingUpdateSync';"),
        ("qZbBdujV5kZQv_pCqV2wpfSU25odH35HQukm5AC", '<meta name="google-site-verification" content="qZbBdujV5kZQv_pCqV2wpfSU25odH35HQukm5AC" />'),
    ],
)
def test_entropy_values_that_are_data(value: str, line: str) -> None:
    assert is_data_not_key(value, line)


@pytest.mark.parametrize(
    "value",
    # a key whose 32 characters happen to be distinct; a timestamp before random letters
    ["Qz7Lk2Vw9Rn4Tp0Hs6Xc1Jm8Ud3Ga5Eb", "1744340076240-q8Xr2Lp9Vt4Ws7Yk"],
)
def test_look_alikes_of_alphabets_and_migration_names_are_kept(value: str) -> None:
    assert not is_data_not_key(value, f"SIGNING_KEY = '{value}'")
    assert not is_data_not_key("qZbBdujV5kZQv_pCqV2wpfSU25odH35HQukm5AC", 'API_KEY = "qZbBdujV5kZQv_pCqV2wpfSU25odH35HQukm5AC"')


def test_an_item_of_a_tuple_named_as_keys_is_kept() -> None:
    value = "8301f04c87f822624bfb37b09eb98558"
    assert not is_data_not_key(value, f"API_KEYS = ('x', '{value}')")


def test_an_entropy_value_named_as_a_key_in_a_sql_row_is_kept() -> None:
    value = "8301f04c87f822624bfb37b09eb98558"
    assert not is_data_not_key(value, f"INSERT INTO settings VALUES ('sms_api_key', '{value}');")


def test_an_item_of_a_list_named_as_digests_is_data() -> None:
    value = "8301f04c87f822624bfb37b09eb98558a1b2c3d4"
    item = f'    "{value}",'
    assert is_data_not_key(value, item, "  thumbprint_list = [")
    assert not is_data_not_key(value, item, "  api_keys = [")


@pytest.mark.parametrize("value", ["20310101120000_backfill_patient_reminder_flags", "ComposerStaticInit8301f04c87f822624bfb37b09eb98558"])
def test_file_and_class_names_are_data(value: str) -> None:
    assert is_data_not_key(value, f'x = "{value}"')


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("hl7ImportReportMissingStudyIUIDCFindSCP", "  NAME 'hl7ImportReportMissingStudyIUIDCFindSCP'"),
        ("dcmRejectExpiredStudiesPollingInterval", 'case "dcmRejectExpiredStudiesPollingInterval":'),
        ("/workspace/e2e-tests/FHIR_SEARCH_HAPI/VIEWS_TIMESTAMP_1", "  - OUTPUT_PARQUET_VIEW_PATH=/workspace/e2e-tests/FHIR_SEARCH_HAPI/VIEWS_TIMESTAMP_1"),
        ("/srv/Exports/Parquet_Views/RUN_2024", 'export_root: "/srv/Exports/Parquet_Views/RUN_2024"'),
        ("9f2c81d04b6e3a5f7c1d8e2b4a6f0c93", '      "uid": "9f2c81d04b6e3a5f7c1d8e2b4a6f0c93",'),
    ],
)
def test_names_paths_and_uids_are_data(value: str, line: str) -> None:
    assert is_data_not_key(value, line)


@pytest.mark.parametrize(
    "value",
    [
        "aB3xZq9LmN2pQr7sTu8vWx1yZa4bCd5eFg6hIj",  # random alphanumerics: short mixed-case pieces
        "Kq8vR3zLp2Wn7xTmHz4nW8sQe1TyPv6m",
        "/Otiai51wt1ggj5xyas/5X8Jq+Lm9z",  # slashes inside base64 are no path
    ],
)
def test_random_keys_are_not_names_or_paths(value: str) -> None:
    assert not is_data_not_key(value, f'token = "{value}"')


def test_the_value_of_a_fhir_identifier_is_data() -> None:
    value = "a006edba97087f2911a35706e46bf1287d21d8fa515024ace44d589bdef9d819"
    system = '  "system": "https://bluebutton.cms.gov/resources/identifier/mbi-hash",'
    assert is_data_not_key(value, f'  "value": "{value}"', system)
    assert not is_data_not_key(value, f'  "api_key": "{value}"', system)  # a key beside it is still a key
    assert not is_data_not_key(value, f'  "value": "{value}"', '  "name": "signing"')  # no system: judged as before


def test_a_sops_data_key_is_encrypted_data() -> None:
    value = "AQICAHiiBcH1zXWffn77hoG6y6pEPZ+4jjugLfsVfebBM+L/LgHlCl+ZPjCo8JOcN+bft1xHAAAAfjB8BgkqhkiG9"
    assert is_data_not_key(value, f"      enc: {value}")


def test_the_value_of_a_fhir_xml_identifier_is_data() -> None:
    value = "e411277fd31da392eaa9a45df53b0c429e365626182f50d9f35810d77f0e2756"
    system = "    <system value='https://bluebutton.cms.gov/resources/identifier/mbi-hash'/>"
    assert is_data_not_key(value, f"    <value value='{value}'/>", system)
    assert not is_data_not_key(value, f"    <value value='{value}'/>", "    <name value='signing'/>")


def test_a_relative_url_path_under_a_url_key_is_data() -> None:
    value = "/PEPFAR/DATIM-MOH-FY19/HllvX50cXC0/tBoWuTd0ERY/"
    assert is_data_not_key(value, f'{{"to_concept_url": "{value}", "retired": false}}')
    assert not is_data_not_key(value, f'{{"api_token": "{value}"}}')  # the key decides
    key = "/Kq8vR3zLp2Wn7xTm9sQe1TyPv6mHz4n"  # one segment: no path
    assert not is_data_not_key(key, f'{{"callback_url": "{key}"}}')


def test_a_rest_resource_path_is_data_and_random_slashes_are_not() -> None:
    value = "/orgs/PEPFAR/sources/DATIM-MOH-FY19/concepts/tBoWuTd0ERY/"
    assert is_data_not_key(value, f'{{"expressions": ["{value}"]}}')
    random_key = "/aB3xZq9/LmN2pQr7/sTu8vWx1/yZa4bCd5"
    assert not is_data_not_key(random_key, f'{{"expressions": ["{random_key}"]}}')


@pytest.mark.parametrize(
    ("value", "line", "previous"),
    [
        ("TX-NEW-N-MOH-Age-Sex-HIVStatus-j0yodS3zbnW", '{"collection": "TX-NEW-N-MOH-Age-Sex-HIVStatus-j0yodS3zbnW"}', ""),
        ("12D4567890", '"valueString": "12D4567890",', ""),
        ("5f58b4c574fa64a70b362f7881f035ec6110a933", '  "5f58b4c574fa64a70b362f7881f035ec6110a933",', "commits = ["),
    ],
)
def test_names_lab_numbers_and_allowlisted_commits_are_data(value: str, line: str, previous: str) -> None:
    assert is_data_not_key(value, line, previous)


def test_a_random_url_safe_token_is_no_word_chain() -> None:
    value = "aB3x-Zq9L_mN2p-Qr7s_Tu8v-Wx1y"
    assert not is_data_not_key(value, f'token = "{value}"')


def test_public_pem_lines_spans_multi_line_blocks_only() -> None:
    from hms_policy.secrets.data_values import public_pem_lines

    lines = [
        'const cert = "-----BEGIN CERTIFICATE-----\\n" +',
        '  "MIID/zCCAuegAwIBAgIUHLAudnma7zysXlSYT2CMFZS5kkYwDQYJKoZIhvcNAQEL\\n" +',
        '  "-----END CERTIFICATE-----\\n";',
        'const key = "-----BEGIN PRIVATE KEY-----\\n" +',
        '  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCxLUMtxvjcQdEZ\\n" +',
        '  "-----END PRIVATE KEY-----\\n";',
        '{"cert": "-----BEGIN CERTIFICATE-----\\nMIIC\\n-----END CERTIFICATE-----", "hmac": "rmfN4eUqlLP1wzqU"}',
        '"-----BEGIN PUBLIC KEY-----" with no end',
    ]
    # the private key's lines and a one-line block (other values share its line) are not vouched for
    assert public_pem_lines(lines) == frozenset({0, 1, 2})
