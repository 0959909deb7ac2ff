"""Evaluators with Terraform's built-in functions: what the parser and the resolver use.

evaluate.py knows how to evaluate and functions.py is written in terms of it; this module hands
the function table to the evaluator, so neither of the two imports the other back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hms_policy.targets.terraform.evaluate import Evaluator, FunctionTable, RefResolver
from hms_policy.targets.terraform.functions import FUNCTIONS, LAZY_FUNCTIONS

TERRAFORM_FUNCTIONS = FunctionTable(FUNCTIONS, LAZY_FUNCTIONS)


def evaluator(text: str, resolve_ref: RefResolver, bindings: Mapping[str, Any] | None = None) -> Evaluator:
    """An evaluator of one file's text that can call Terraform's pure built-in functions."""
    return Evaluator(text, resolve_ref, bindings, TERRAFORM_FUNCTIONS)
