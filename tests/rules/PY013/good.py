import hashlib
import os

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def record_digest(record_bytes):
    return hashlib.sha256(record_bytes).hexdigest()


def cache_key(text):
    # Not a security use, and bandit honours usedforsecurity=False.
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def etag(modified_at):
    # An HTTP cache validator: no security use.
    return hashlib.md5(str(modified_at).encode()).hexdigest()


def gravatar_url(email):
    # Gravatar itself asks for the MD5 of the address.
    return "https://www.gravatar.com/avatar/" + hashlib.md5(email.lower().encode()).hexdigest()


def xform_hash(xml):
    # OpenRosa's formList publishes each form's MD5, as the protocol requires.
    return "md5:" + hashlib.md5(xml.encode("utf-8")).hexdigest()


def sign_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


def encrypt(key, data):
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, None)


def seal(key, data):
    # pycryptodome (the maintained library) shares pycrypto's import name: an import is no finding.
    from Crypto.Cipher import AES

    cipher = AES.new(key, AES.MODE_GCM)
    return cipher.nonce + cipher.encrypt(data)
