"""DSSE v1 envelopes (github.com/secure-systems-lab/dsse, protocol.md and envelope.md).

A signature covers the pre-authentication encoding of the payload type and the payload
bytes, never the JSON around them:

    PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body

where SP is one ASCII space and LEN is the ASCII decimal byte length, no leading zeros.
The payload is signed exactly as it is stored (base64 of the same bytes), and on the way
back the signature is checked on the bytes as received before anything parses them.
This module knows bytes and keys only.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, TextIO

from hms_policy.errors import SignatureError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PAYLOAD_TYPE = "application/vnd.in-toto+json"
ENVELOPE_FIELDS = frozenset({"payload", "payloadType", "signatures"})
SIGNATURE_FIELDS = frozenset({"keyid", "sig"})


def pae(payload_type: str, payload: bytes) -> bytes:
    return _pae_header(payload_type, len(payload)) + payload


def _pae_header(payload_type: str, length: int) -> bytes:
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d " % (len(kind), kind, length)


@dataclass(frozen=True, slots=True)
class Signed:
    """A signed payload, before it is put in an envelope: the payload stays raw bytes until
    it is written, so a large report is never held as bytes and base64 text at once."""

    payload: bytes | memoryview  # a view into the signed PAE message when built by PaeBuffer
    payload_type: str
    keyid: str
    sig: str  # base64 of the Ed25519 signature over PAE(payload_type, payload)

    def envelope(self) -> dict[str, Any]:
        return {
            "payloadType": self.payload_type,
            "payload": base64.b64encode(self.payload).decode("ascii"),
            "signatures": [{"keyid": self.keyid, "sig": self.sig}],
        }


def signed(payload: bytes, key: Ed25519PrivateKey, *, payload_type: str = PAYLOAD_TYPE) -> Signed:
    """One Ed25519 signature over PAE(payload_type, payload)."""
    from hms_policy.attest.keys import keyid

    signature = key.sign(pae(payload_type, payload))
    return Signed(payload, payload_type, keyid(key.public_key()), base64.b64encode(signature).decode("ascii"))


class PaeBuffer:
    """PAE(payload_type, payload) built in place while the payload is written into it.

    Pure Ed25519 signs one whole message, and the PAE header holds the payload's length,
    known only at the end. The payload is appended after room kept for the longest header;
    `sign` writes the header at the end of that room and drops the rest from the front
    (O(1) for a bytearray), so the payload is held once: as the message that is signed.
    """

    def __init__(self, payload_type: str = PAYLOAD_TYPE) -> None:
        self.payload_type = payload_type
        self._room = len(_pae_header(payload_type, _MAX_LENGTH))
        self._buffer = bytearray(self._room)
        self._signed = False

    def write(self, data: bytes) -> int:
        self._buffer += data
        return len(data)

    def sign(self, key: Ed25519PrivateKey) -> Signed:
        """Sign, once; the buffer is the message from now on and takes no more writes."""
        from hms_policy.attest.keys import keyid

        if self._signed:  # a second header would be written over the signed payload
            raise RuntimeError("this PaeBuffer is already signed")
        self._signed = True
        header = _pae_header(self.payload_type, len(self._buffer) - self._room)
        start = self._room - len(header)
        self._buffer[start : self._room] = header
        del self._buffer[:start]
        message = memoryview(self._buffer).toreadonly()  # the export also stops any resize
        signature = _sign_buffer(key, message)
        return Signed(message[len(header) :], self.payload_type, keyid(key.public_key()), base64.b64encode(signature).decode("ascii"))


def _sign_buffer(key: Ed25519PrivateKey, message: memoryview) -> bytes:
    """Sign the buffer in place. cryptography before 43 signs only `bytes`: there, one copy of
    the message is made for the call (the signature is the same)."""
    try:
        return key.sign(message)  # type: ignore[arg-type]
    except TypeError:
        return key.sign(bytes(message))


_MAX_LENGTH = 10**20  # more decimal digits than any payload length needs


def sign(payload: bytes, key: Ed25519PrivateKey, *, payload_type: str = PAYLOAD_TYPE) -> dict[str, Any]:
    """An envelope with one Ed25519 signature over PAE(payload_type, payload)."""
    return signed(payload, key, payload_type=payload_type).envelope()


def dumps(envelope: Mapping[str, Any]) -> str:
    """How an envelope is written to a file (the signed bytes live base64-encoded inside)."""
    return json.dumps(envelope, indent=2, sort_keys=True) + "\n"


_CHUNK = 3 * 64 * 1024  # a multiple of 3: base64 of the chunks joined is base64 of the whole


def write(signed_payload: Signed, out: TextIO) -> None:
    """Write `dumps(signed_payload.envelope())` to `out`, base64-encoding the payload a chunk
    at a time: on a large report the payload is most of the envelope."""
    mark = "@payload@"  # base64 never holds "@", so it cannot be mistaken for the payload
    envelope = {"payloadType": signed_payload.payload_type, "payload": mark, "signatures": [{"keyid": signed_payload.keyid, "sig": signed_payload.sig}]}
    head, _, tail = dumps(envelope).partition(json.dumps(mark))
    out.write(head + '"')
    view = memoryview(signed_payload.payload)
    for start in range(0, len(view), _CHUNK):
        out.write(base64.b64encode(view[start : start + _CHUNK]).decode("ascii"))  # nothing in base64 needs escaping in JSON
    out.write('"' + tail)


@dataclass(frozen=True, slots=True)
class Opened:
    payload: bytes  # exactly the bytes the signature covers
    payload_type: str
    keyid: str  # of the key that verified


def open_envelope(
    envelope: bytes | str | Mapping[str, Any],
    public_key: Ed25519PublicKey,
    *,
    payload_type: str = PAYLOAD_TYPE,
) -> Opened:
    """Check an envelope's shape, type and signature; return the signed payload bytes.

    Exactly one signature is accepted (sigstore's rule: one signer, no thresholds to get
    wrong). Standard and URL-safe base64 are both accepted, as the spec requires, but only
    in canonical form. Parsing is strict: duplicate keys, unknown fields and deep nesting
    are refused, so no two readers can see different contents in one envelope (the spec
    asks consumers to ignore unknown fields; unsigned extras are refused here instead).
    Raises `SignatureError` with a one-line reason.
    """
    from cryptography.exceptions import InvalidSignature

    from hms_policy.attest.keys import keyid

    data = _as_mapping(envelope)
    _only_fields(data, ENVELOPE_FIELDS, "the envelope")
    received_type = data.get("payloadType")
    payload_text = data.get("payload")
    signatures = data.get("signatures")
    if not isinstance(received_type, str) or not isinstance(payload_text, str) or not isinstance(signatures, list):
        raise SignatureError("not a DSSE envelope: it needs payloadType, payload and signatures")
    if received_type != payload_type:
        raise SignatureError(f"payloadType is {received_type!r}, expected {payload_type!r}")
    if len(signatures) != 1:
        raise SignatureError(f"the envelope carries {len(signatures)} signatures, expected exactly 1")
    entry = signatures[0]
    if not isinstance(entry, Mapping) or not isinstance(entry.get("sig"), str):
        raise SignatureError("the signature entry has no 'sig' string")
    _only_fields(entry, SIGNATURE_FIELDS, "the signature entry")
    signature = _b64decode(entry["sig"], "signature")
    payload = _b64decode(payload_text, "payload")
    expected_id = keyid(public_key)
    try:
        public_key.verify(signature, pae(received_type, payload))
    except InvalidSignature:
        hint = entry.get("keyid")
        if isinstance(hint, str) and hint and hint != expected_id:
            raise SignatureError(
                f"signature does not verify with the given key (keyid {expected_id[:16]}); "
                f"the envelope names keyid {hint[:16]}"
            ) from None
        raise SignatureError("signature does not verify: the payload or the signature was altered, or the key is wrong") from None
    return Opened(payload, received_type, expected_id)


def _as_mapping(envelope: bytes | str | Mapping[str, Any]) -> Mapping[str, Any]:
    from hms_policy.attest import strict_json

    if isinstance(envelope, Mapping):
        return envelope
    data = strict_json.loads(envelope, "the envelope")
    if not isinstance(data, dict):
        raise SignatureError("not a DSSE envelope: not a JSON object")
    return data


def _only_fields(data: Mapping[str, Any], known: frozenset[str], what: str) -> None:
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise SignatureError(f"{what} has unknown field {unknown[0][:40]!r}; only {', '.join(sorted(known))} are allowed")


def _b64decode(text: str, what: str) -> bytes:
    """Standard or URL-safe base64, padded or not, in canonical form only: re-encoding
    the bytes in that alphabet must give back the same text, so no bytes have two
    spellings within one convention (no whitespace, mixed alphabets, partial padding or
    non-zero trailing bits)."""
    normal = text.translate(str.maketrans("-_", "+/"))
    normal += "=" * (-len(normal) % 4)
    try:
        data = base64.b64decode(normal, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError(f"the {what} is not valid base64") from None
    if text not in _spellings(data):
        raise SignatureError(f"the {what} is not canonical base64 (re-encoding its bytes gives different text)")
    return data


def _spellings(data: bytes) -> set[str]:
    standard = base64.b64encode(data).decode("ascii")
    urlsafe = base64.urlsafe_b64encode(data).decode("ascii")
    return {standard, standard.rstrip("="), urlsafe, urlsafe.rstrip("=")}
