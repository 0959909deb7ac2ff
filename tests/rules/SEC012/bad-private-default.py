"""A committed private-key default is used whenever the environment lacks the variable."""
import environ

env = environ.Env()

VAPID_PRIVATE_KEY = env(
    "VAPID_PRIVATE_KEY",
    # expect: SEC012
    default="Qz7Lk2Vw9Rn4Tp0Hs6Xc1Jm8Ud3Ga5Eb",
)
