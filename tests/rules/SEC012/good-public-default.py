"""Web-push settings: the public half of the VAPID key pair is meant to be shared."""
import environ

env = environ.Env()

VAPID_PUBLIC_KEY = env(
    "VAPID_PUBLIC_KEY",
    default="BFq3Lk8Vw2Rz7Ny0Tp5Hs9Xc4Jm6Ud1Ga8Eb3Wk0Qo7Zr2Lx5Vn9Ty4Ps6Hd1Cf8Jg3Mk0Rb7We2Zq5Xa9Uy4",
)
PUSH_PUBLIC_KEY = env("PUSH_PUBLIC_KEY", default="Hs9Xc4Jm6Ud1Ga8Eb3Wk0Qo7Zr2Lx5Vn9Ty4Ps6Hd1Cf8Jg3Mk")
