"""Django settings: a lookup over several lines whose committed default is the signing key."""
import environ

env = environ.Env()

SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    # expect: SEC107
    default="Kx3Vq8Lm2Tz7Rb4Np9Wc6Hy1Jd5Fg0SaUe7Yo2Ci8Qt4Mz",
)
