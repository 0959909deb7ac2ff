"""Ed25519 keys: generate, write, load, and name them.

Private keys are PKCS#8 PEM, public keys SubjectPublicKeyInfo PEM. A key id is the hex
sha256 of the raw 32-byte public key; DSSE treats it as an unauthenticated hint only.
`cryptography` is imported here, never at package import time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Union

from hms_policy.errors import UsageError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PEM_MARK = b"-----BEGIN "
KeySource = Union[str, bytes, "os.PathLike[str]"]  # PEM text/bytes, or a path to a PEM file


def generate() -> tuple[bytes, bytes]:
    """A fresh key pair as (private PEM, public PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


def write_keypair(prefix: str | os.PathLike[str], *, force: bool = False) -> tuple[Path, Path]:
    """Write PREFIX.key (mode 0600 from the moment it exists) and PREFIX.pub."""
    base = Path(prefix)
    private_path, public_path = Path(f"{base}.key"), Path(f"{base}.pub")
    if not force:
        for path in (private_path, public_path):
            if path.exists():
                raise UsageError(f"{path} already exists (use --force to overwrite)")
    if not private_path.parent.is_dir():
        raise UsageError(f"directory does not exist: {private_path.parent}")
    private, public = generate()
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | (0 if force else os.O_EXCL)
    if force and private_path.exists():
        private_path.unlink()  # a new file gets mode 0600; an old one might be wider
    try:
        fd = os.open(private_path, flags, 0o600)
    except FileExistsError:
        raise UsageError(f"{private_path} already exists (use --force to overwrite)") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(private)
    os.chmod(private_path, 0o600)  # the umask may have narrowed it further; never widen past 0600
    public_path.write_bytes(public)
    return private_path, public_path


def _pem_bytes(source: KeySource, what: str) -> bytes:
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str) and source.lstrip().startswith("-----BEGIN "):
        data = source.encode("utf-8")
    else:
        path = Path(os.fspath(source))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if PEM_MARK not in data:
        raise UsageError(f"the {what} is not PEM (expected a '-----BEGIN' block)")
    return data


def load_private_key(source: KeySource | Ed25519PrivateKey) -> Ed25519PrivateKey:
    """An Ed25519 private key from a key object, PEM text or bytes, or a PEM file path."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if isinstance(source, Ed25519PrivateKey):
        return source
    data = _pem_bytes(source, "signing key")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise UsageError("the signing key is encrypted; hms-policy needs an unencrypted PKCS#8 key (keep it in a secret store)") from None
    except ValueError:
        raise UsageError("the signing key is not a readable PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError(f"the signing key is {type(key).__name__.removeprefix('_')}, not Ed25519 (create one with `hms-policy keygen`)")
    return key


def load_public_key(source: KeySource | Ed25519PublicKey) -> Ed25519PublicKey:
    """An Ed25519 public key from a key object, PEM text or bytes, or a PEM file path."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if isinstance(source, Ed25519PublicKey):
        return source
    data = _pem_bytes(source, "public key")
    if b"PRIVATE KEY" in data:
        raise UsageError("a private key was given where the public key belongs (use the .pub file)")
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        raise UsageError("the public key is not a readable PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(f"the public key is {type(key).__name__.removeprefix('_')}, not Ed25519")
    return key


def keyid(public_key: Ed25519PublicKey) -> str:
    """Hex sha256 of the raw public key bytes."""
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()
