import hashlib

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def record_digest(record_bytes):
    # expect: PY013
    return hashlib.md5(record_bytes).hexdigest()


def sign_key():
    # expect: PY013
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def encrypt(key, data):
    # expect: PY013
    cipher = Cipher(algorithms.AES(key), modes.ECB())
    return cipher.encryptor().update(data)
