"""Synthetic settings with committed defaults for the framework's SECRET_KEY."""
import os

import environ

env = environ.Env()
# expect: SEC107
SECRET_KEY = env("DJANGO_SECRET_KEY", default="q8#v!2m@x7&k1z$w9p^r4t6y*u3i0o5e")
# expect: SEC107
SECRET_KEY = os.environ.get("SECRET_KEY", "h4Kd9sL2qW8eR5tY1uI7oP3aS6dF0gJ")
# expect: SEC107
SECRET_KEY = os.environ.get("SECRET_KEY") or "Zx8Cv2Bn6Mq4Wr1Et7Yu3Io9Pa5Sd0Fg"
