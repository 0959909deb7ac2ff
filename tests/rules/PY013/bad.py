import hashlib

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def store_password(user, password):
    # expect: PY013
    user.password_hash = hashlib.md5(password.encode()).hexdigest()


def pseudonym(patient):
    # A weak digest of an identifier is reversible by trying every SSN.
    # expect: PY013
    return hashlib.sha1(patient.ssn.encode()).hexdigest()


def reset_link(user):
    # expect: PY013
    token = hashlib.new("md5", user.email.encode()).hexdigest()
    return f"/reset/{token}"


def sign_key():
    # expect: PY013
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def encrypt(key, data):
    # expect: PY013
    cipher = Cipher(algorithms.AES(key), modes.ECB())
    return cipher.encryptor().update(data)
