import os
import random
import secrets
import string

# Hardened twins: secrets and os.urandom make secrets.
def generate_otp():
    return f"{secrets.randbelow(1_000_000):06d}"


def send_reset(user):
    user.reset_token = secrets.token_urlsafe(32)
    user.salt = os.urandom(16)
    verification_code = "".join(secrets.choice(string.digits) for _ in range(6))
    nonce = random.SystemRandom().randint(0, 2**64)
    return verification_code, nonce


# Hard negatives: random used for things that are not secrets.
def sample_rows(test_rows):
    random.shuffle(test_rows)
    backoff = random.uniform(0, 1)
    token_count = random.randint(1, 5)
    password_length = random.randint(12, 16)
    salt_rounds = random.choice([10, 12])
    colour = random.choice(["red", "green", "blue"])
    patient_sample = random.sample(test_rows, 10)
    record = {"code": "".join(random.choices(string.ascii_uppercase, k=8)), "qty": random.randint(1, 10)}
    return backoff, token_count, password_length, salt_rounds, colour, patient_sample, record


def pick_product(products):
    return random.choice(products)


def spin():
    return random.random()


# A version stamp for optimistic concurrency: it tells edits apart, it guards nothing.
def touch(record):
    record.consistency_token = "%08x" % random.randrange(16 ** 8)
    record.etag_token = str(random.getrandbits(32))
