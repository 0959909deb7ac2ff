"""PY040-PY042 detectors: secret names, the one parse, no value in the output, pack regions."""

from __future__ import annotations

import pytest

from hms_policy.detectors.code import pysource
from hms_policy.detectors.code.python_crypto_misuse import insecure_random_secret, jwt_unverified_decode, secret_name
from hms_policy.detectors.code.python_residency import boto3_region_outside_allowed
from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, SourceFile
from hms_policy.targets.parsers import parser_for


def _doc(text: str, path: str = "app/auth.py") -> Document:
    data = text.encode()
    return Document(SourceFile(path, TargetKind.PYTHON, len(data), "0" * 64, data), parser_for(TargetKind.PYTHON, path))


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("otp", True), ("otp_code", True), ("resetToken", True), ("RESET_CODE", True), ("csrf_token", True),
        ("api_key", True), ("apiKey", True), ("session_id", True), ("salt", True), ("pin", True),
        ("token_count", False), ("password_length", False), ("salt_rounds", False), ("tokens", False),
        ("spin", False), ("pinned", False), ("code", False), ("colour", False), ("secret_santa", False),
    ],
)
def test_secret_names(name: str, secret: bool) -> None:
    assert secret_name(name) is secret


def test_the_tree_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = pysource.ast.parse
    monkeypatch.setattr(pysource.ast, "parse", lambda *a, **k: calls.append(1) or real(*a, **k))
    doc = _doc("import random, jwt\notp = random.randint(0, 9)\njwt.decode(t, key)\n")
    assert len(list(insecure_random_secret(doc, {}))) == 1
    assert len(list(jwt_unverified_decode(doc, {}))) == 1
    assert len(calls) == 1


def test_no_value_reaches_the_match() -> None:
    doc = _doc('import random\nAPI_KEY = "sk-live-" + str(random.getrandbits(64))\n')
    (match,) = insecure_random_secret(doc, {})
    assert "sk-live" not in repr(match)


def test_region_follows_the_pack_parameter() -> None:
    doc = _doc('import boto3\ns3 = boto3.client("s3", region_name="eu-central-1")\n')
    assert [m.context["value"] for m in boto3_region_outside_allowed(doc, {"allowed_regions": ["ap-south-1"]})] == ["eu-central-1"]
    assert list(boto3_region_outside_allowed(doc, {"allowed_regions": ["eu-central-1"]})) == []
    assert list(boto3_region_outside_allowed(doc, {"allowed_regions": []})) == []


@pytest.mark.parametrize(
    "source",
    [
        "from random import choice as pick\n\ndef f(a):\n    x = 1\n    token = pick(a)\n",
        "import random as r\n\nclass A:\n    def f(self):\n        otp = (r\n               .randint(0, 9))\n",
        "import random\nsettings = {\n    'api_key': ''.join(\n        random.choices(s, k=32)),\n}\n",
    ],
)
def test_calls_are_found_wherever_the_name_is_spelled(source: str) -> None:
    assert len(list(insecure_random_secret(_doc(source), {}))) == 1


def test_a_module_that_imports_random_but_never_calls_it_is_not_walked() -> None:
    assert list(insecure_random_secret(_doc("import random\n\nSEED = 4\ntoken = make()\n"), {})) == []
