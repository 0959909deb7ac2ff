"""Detectors that judge source code and its framework configuration: PHI data flow into logs and
errors (Python AST, C-like languages), transport settings in code, web-framework settings
(frameworks/), and the shared PHI name vocabulary of code.
"""
