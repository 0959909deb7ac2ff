import random
import string
from random import choices as pick


def generate_otp():
    # expect: PY040
    return random.randint(100000, 999999)


def send_reset(user):
    # expect: PY040
    user.reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    # expect: PY040
    verification_code = str(random.randrange(1000, 9999))
    # expect: PY040
    user.save(password=pick(string.ascii_letters + string.digits, k=12))
    # expect: PY040
    payload = {"sessionId": random.getrandbits(128)}
    return verification_code, payload


class Account:
    def __init__(self) -> None:
        # expect: PY040
        self.apiKey = "%032x" % random.getrandbits(128)
        # expect: PY040
        self.salt = bytes(random.sample(range(256), 16))


def make_pin():
    pin = ""
    for _ in range(4):
        # expect: PY040
        pin += str(random.randint(0, 9))
    return pin
