"""Signal and audit receivers of patient-bearing models: the model instance (and the changed-
fields dict some signals hand over) they receive is a whole patient record.

A Django receiver (`@receiver(post_save, sender=Patient)`, `post_save.connect(f,
sender=models.Encounter)`), a django-simple-history receiver (`post_create_historical_record`,
whose `history_instance` is the record too) or a django-auditlog one (`post_log`, whose
`changes` are the diff) is judged by its sender. A receiver of other models (`sender=Invoice`)
or with no sender is left to the names of what it logs.
"""

from __future__ import annotations

import ast

from hms_policy.detectors.code.phi_names import patient_bearing_model
from hms_policy.detectors.code.python_phi.syntax import callee

_SIGNALS = frozenset(
    """pre_save post_save pre_delete post_delete m2m_changed pre_init post_init
    pre_create_historical_record post_create_historical_record pre_log post_log""".split()
)
# Parameters of such a receiver that carry the instance or its diff.
RECORD_PARAMS = frozenset("instance history_instance obj changes changed_fields diff delta".split())


def _sender_name(call: ast.Call) -> str:
    for keyword in call.keywords:
        if keyword.arg == "sender":
            value = keyword.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value.rsplit(".", 1)[-1]  # sender="clinic.Patient"
            if isinstance(value, (ast.Name, ast.Attribute)):
                return callee(value)
    return ""


def _names_signal(node: ast.AST) -> bool:
    items = node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node]
    return any(callee(item) in _SIGNALS for item in items if isinstance(item, (ast.Name, ast.Attribute)))


def connected_receivers(tree: ast.Module) -> frozenset[str]:
    """Functions connected to a patient-bearing model's signal: `post_save.connect(f, sender=Patient)`."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"):
            continue
        if _names_signal(node.func.value) and node.args and patient_bearing_model(_sender_name(node)):
            found.add(callee(node.args[0]))
    return frozenset(found)


def is_patient_receiver(func: ast.FunctionDef | ast.AsyncFunctionDef, connected: frozenset[str]) -> bool:
    """`func` receives a patient-bearing model's signal."""
    if func.name in connected:
        return True
    for decorator in func.decorator_list:
        if isinstance(decorator, ast.Call) and callee(decorator.func) == "receiver" and decorator.args:
            if _names_signal(decorator.args[0]) and patient_bearing_model(_sender_name(decorator)):
                return True
    return False
