"""Detectors that read web-framework settings: Django, Flask and FastAPI, Spring, Express, Rails.

One module per framework; `pyvalues` evaluates the constant value a Python setting takes when
its environment variable is unset (the default it falls back to)."""
