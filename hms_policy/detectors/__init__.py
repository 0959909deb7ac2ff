"""Built-in detectors: rule YAML names them by id; each is "module:function", imported only
when a rule that uses it runs.

A detector is `def detector(doc: Document, params: Mapping[str, Any]) -> Iterable[Match]`.
It never builds a Finding, never knows severity or controls, never reads other files and
keeps no state; raw secret or PHI values stay inside its frame and leave only as spans.
Third-party packages add detectors through the `hms_policy.detectors` entry-point group
(a callable returning a dict like the one below; ids carry the package's own prefix).
"""

from __future__ import annotations

BUILTIN_DETECTORS: dict[str, str] = {
    "hms.dockerfile.runs_as_root": "hms_policy.detectors.dockerfile:runs_as_root",
    "hms.k8s.privileged_container": "hms_policy.detectors.k8s:privileged_container",
    "hms.secrets.private_key_block": "hms_policy.detectors.secrets_basic:private_key_block",
    "hms.logs.ssn_in_log": "hms_policy.detectors.logs_basic:ssn_in_log",
    "hms.python.phi_in_log_call": "hms_policy.detectors.python_phi:phi_in_log_call",
    "hms.deps.vulnerable_dependency": "hms_policy.detectors.dependencies:vulnerable_dependency",
    "hms.meta.invalid_suppression": "hms_policy.detectors.meta:invalid_suppression",
    "hms.meta.unused_suppression": "hms_policy.detectors.meta:unused_suppression",
}


def builtin_detectors() -> dict[str, str]:
    return dict(BUILTIN_DETECTORS)
