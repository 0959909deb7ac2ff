"""Interoperability with an independent DSSE implementation: securesystemslib (PyPI).

Its envelopes must verify with hms-policy, and hms-policy's with it. Its keyid rule
(a signature is only tried with the key of the same keyid) is met by giving its key
object hms-policy's keyid.
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import hms_policy
from hms_policy.attest.dsse import PAYLOAD_TYPE
from hms_policy.attest.keys import keyid
from hms_policy.attest.statement import build_statement
from hms_policy.errors import SignatureError

sslib_dsse = pytest.importorskip("securesystemslib.dsse")
sslib_signer = pytest.importorskip("securesystemslib.signer")
sslib_exceptions = pytest.importorskip("securesystemslib.exceptions")

DEMO = Path(__file__).resolve().parents[2] / "examples" / "hms-demo"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def report_dict() -> dict[str, Any]:
    return hms_policy.scan([DEMO], read_project_settings=False, jobs=1).to_dict()


def _sslib_key(key: Ed25519PrivateKey) -> Any:
    return sslib_signer.SSlibKey.from_crypto(key.public_key(), keyid=keyid(key.public_key()))


def test_hms_envelope_verifies_with_securesystemslib(key: Ed25519PrivateKey, report_dict: dict[str, Any]) -> None:
    ours = hms_policy.sign(report_dict, key)
    theirs = sslib_dsse.Envelope.from_dict(copy.deepcopy(json.loads(json.dumps(ours))))
    accepted = theirs.verify([_sslib_key(key)], 1)
    assert list(accepted) == [keyid(key.public_key())]
    assert theirs.payload_type == PAYLOAD_TYPE
    assert json.loads(theirs.payload)["predicate"] == report_dict


def test_hms_envelope_tampered_fails_with_securesystemslib(key: Ed25519PrivateKey, report_dict: dict[str, Any]) -> None:
    ours = hms_policy.sign(report_dict, key)
    payload = bytearray(base64.b64decode(ours["payload"]))
    payload[-3] ^= 1
    theirs = sslib_dsse.Envelope.from_dict({**copy.deepcopy(ours), "payload": base64.b64encode(bytes(payload)).decode()})
    with pytest.raises(sslib_exceptions.VerificationError):
        theirs.verify([_sslib_key(key)], 1)


def test_securesystemslib_envelope_verifies_with_hms(key: Ed25519PrivateKey, report_dict: dict[str, Any]) -> None:
    signer = sslib_signer.CryptoSigner(key, _sslib_key(key))
    theirs = sslib_dsse.Envelope(payload=build_statement(report_dict), payload_type=PAYLOAD_TYPE, signatures={})
    theirs.sign(signer)
    envelope = json.loads(json.dumps(theirs.to_dict()))
    verified = hms_policy.verify(envelope, key.public_key())
    assert verified.report == report_dict

    other = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(SignatureError, match="does not verify"):
        hms_policy.verify(envelope, other)
    statement = json.loads(theirs.payload)
    statement["predicate"]["summary"]["result"] = "pass"
    tampered = {**envelope, "payload": base64.b64encode(json.dumps(statement).encode()).decode()}
    with pytest.raises(SignatureError, match="signature does not verify"):
        hms_policy.verify(tampered, key.public_key())
