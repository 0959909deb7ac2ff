"""Framework-settings helpers: environment defaults, developer branches, Spring keys."""

from __future__ import annotations

import ast

import pytest

from hms_policy.detectors.code.frameworks.pyvalues import DEV, PROD, UNKNOWN, condition_branch, evaluate, module_assignments, truthy
from hms_policy.detectors.code.frameworks.spring import spring_settings
from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, SourceFile
from hms_policy.targets.parsers import parser_for


def _value(source: str) -> object:
    return evaluate(ast.parse(source, mode="eval").body)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('env.bool("DEBUG", default=False)', False),
        ('env.bool("DEBUG", True)', True),
        ('config("DEBUG", default="True", cast=bool)', True),
        ('os.environ.get("MODE", "PROD") == "DEV"', False),
        ('os.getenv("HOSTS", "*").split(",")', ["*"]),
        ('env.list("HOSTS", default="a.org,b.org")', ["a.org", "b.org"]),
        ('env.json("HOSTS", default=["*"])', ["*"]),
        ('envbool("DEBUG", "True")', True),
        ('strtobool(os.getenv("DEBUG", "false"))', False),
        ('os.environ.get("FLAG", "false").lower() == "true"', False),
    ],
)
def test_environment_reads_count_by_their_default(source: str, expected: object) -> None:
    assert _value(source) == expected


@pytest.mark.parametrize("source", ['env("DEBUG")', 'os.environ["DEBUG"]', "json.loads(os.environ['HOSTS'])", "get_debug()", 'get_env_variable("DEBUG")'])
def test_reads_without_a_default_are_unknown(source: str) -> None:
    assert _value(source) is UNKNOWN
    assert truthy(UNKNOWN) is None


def test_a_string_default_counts_by_its_word() -> None:
    assert truthy("False") is False
    assert truthy("yes") is True


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        ("DEBUG", DEV),
        ("not DEBUG", PROD),
        ('MODE == "DEV"', DEV),
        ('MODE == "PROD"', PROD),
        ('os.environ.get("ENVIRONMENT") != "production"', DEV),
        ('"test" in sys.argv', DEV),
        ('"ALLOWED_HOSTS" in os.environ', None),
        ("USE_S3", None),
    ],
)
def test_condition_branches(test: str, expected: str | None) -> None:
    assert condition_branch(ast.parse(test, mode="eval").body) == expected


def test_else_of_an_unrecognised_condition_is_judged() -> None:
    tree = ast.parse('if "HOSTS" in os.environ:\n    ALLOWED_HOSTS = []\nelse:\n    ALLOWED_HOSTS = ["*"]\nif DEBUG:\n    X = 1\nelse:\n    Y = 2\n')
    branches = {a.name: a.branch for a in module_assignments(tree)}
    assert branches == {"ALLOWED_HOSTS": None, "X": DEV, "Y": PROD}


def _doc(path: str, text: str) -> Document:
    data = text.encode()
    return Document(SourceFile(path, TargetKind.CONFIG, len(data), "0" * 64, data), parser_for(TargetKind.CONFIG, path))


def test_spring_settings_flat_nested_and_placeholders() -> None:
    doc = _doc("src/main/resources/application.yml", "server:\n  ssl:\n    enabled: ${SSL:false}\nmanagement.endpoints.web.exposure.include: [health, '*']\n")
    assert spring_settings(doc) == [("server.ssl.enabled", "false", 3), ("management.endpoints.web.exposure.include", "health,*", 4)]


def test_spring_development_profiles_are_not_read() -> None:
    assert spring_settings(_doc("application-dev.properties", "server.ssl.enabled=false\n")) == []
    assert spring_settings(_doc("application.properties", "# server.ssl.enabled=false\nserver.ssl.enabled = false\n")) == [("server.ssl.enabled", "false", 2)]


def test_framework_settings_rules_do_not_judge_test_code() -> None:
    from hms_policy.engine.roles import SKIP, RolePolicy
    from hms_policy.model import FileRole
    from ruleharness import catalogue

    rules = catalogue().rules
    for rule_id in ("PY030", "JAVA010", "CFG011", "JS011"):
        rule = rules.get(rule_id)
        assert rule is not None
        assert RolePolicy().decide(rule, FileRole.TEST) == SKIP
