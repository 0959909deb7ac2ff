"""Terraform beyond one file: HCL syntax trees, expression evaluation, module resolution and the
cross-resource index detectors use. See resolve.py for what is resolved and what is not."""
