"""Detectors that judge source code: PHI data flow into logs and errors (Python AST, C-like
languages), transport settings in code, and the shared PHI name vocabulary of code.
"""
