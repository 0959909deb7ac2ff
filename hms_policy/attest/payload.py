"""A Report's signed payload, built in one pass over its findings.

Each finding's dict is made, checked against the report schema, encoded into the message
Ed25519 will sign (dsse.PaeBuffer) and dropped; the rest of the report is checked as one
small document. So the statement is held once, as the signed bytes, and never beside the
report's dict, its text or a second copy for the PAE (about 1.3 KB per finding before).

The checks refuse exactly what checking the whole dict refused, with the same message:
the schema's `findings` is an array of `$defs/finding` and nothing else in it looks at the
findings, so its errors are the skeleton's plus each finding's, placed at `findings[i]`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from hms_policy.attest.dsse import Signed
    from hms_policy.model import Report


def signed_payload(report: Report, key: Ed25519PrivateKey) -> Signed:
    """The checked in-toto statement around `report`, signed; refuses (SignatureError) what
    `verify` would refuse, schema problems first, as `sign` always has."""
    from hms_policy.attest.dsse import PaeBuffer
    from hms_policy.attest.statement import write_statement
    from hms_policy.attest.verifier import check_consistent, refuse_schema_problems
    from hms_policy.catalog.rules import describe_schema_errors
    from hms_policy.report.jsonstream import Lazy

    document = report.findings_document()
    skeleton = {**document, "findings": []}
    check = _SchemaCheck()
    check.skeleton(skeleton)
    # Its own Lazy (never started) gives way to one that checks each dict as it is encoded.
    document["findings"] = Lazy(check.finding(index, f.to_dict()) for index, f in enumerate(report.findings))
    targets = {name: document[name] for name in ("target", "targets") if name in document}
    message = PaeBuffer()
    write_statement(targets, document, message)
    refuse_schema_problems(describe_schema_errors(check.errors))
    check_consistent(skeleton, report.findings)
    return message.sign(key)


class _SchemaCheck:
    """report.v1 errors, gathered from the skeleton and then from one finding at a time."""

    def __init__(self) -> None:
        from jsonschema import Draft202012Validator

        from hms_policy.catalog.rules import schema

        whole = schema("report.v1")
        self._validator: Any = Draft202012Validator(whole)  # `descend` is not in jsonschema's Validator protocol
        self._finding = whole["properties"]["findings"]["items"]
        self.errors: list[Any] = []  # jsonschema ValidationErrors, as the whole dict's would be

    def skeleton(self, document: dict[str, Any]) -> None:
        self.errors.extend(self._validator.iter_errors(document))

    def finding(self, index: int, data: dict[str, Any]) -> dict[str, Any]:
        # What the `items` keyword under `properties/findings` yields for this item.
        for error in self._validator.descend(data, self._finding, path=index):
            error.path.appendleft("findings")
            error.schema_path.extendleft(("items", "findings", "properties"))
            self.errors.append(error)
        return data
