"""Detectors for container images: the image config (user, environment, ports, health check,
provenance labels) and the base OS release. Files inside an image are judged by every other
family's detectors, unchanged; installed packages by `detectors/deps/installed.py`."""
