import hashlib
import os

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def record_digest(record_bytes):
    return hashlib.sha256(record_bytes).hexdigest()


def cache_key(text):
    # Not a security use, and bandit honours usedforsecurity=False.
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


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
