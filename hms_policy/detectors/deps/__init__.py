"""Detectors that judge dependency manifests: declared and locked versions against a
vulnerability database (the database itself lives in hms_policy.deps).
"""
