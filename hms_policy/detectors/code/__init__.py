"""Detectors that read application source code and its framework configuration."""
