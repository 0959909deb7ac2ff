"""docker-compose settings that weaken a service: credential defaults written into variable
interpolation (`${DB_PASSWORD:-hospital}`), PostgreSQL's `trust` authentication and a
logging driver that throws the service's logs away.

A default is what runs whenever the variable is unset, so a well-known stand-in
(`${DB_PASSWORD:-changeme}`) is still a committed password and is reported; `${VAR}`,
`${VAR:?required}`, an empty default and a default that is itself a variable are not.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.iac.values import credential_name, describes_credential
from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document

# `${NAME:-default}` / `${NAME-default}`, not escaped as `$${...}`.
_DEFAULTED = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}$]*)\}")


def credential_default(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Credential-named variables given a literal default in interpolation. One variable with
    one default is one finding, at its first use: a health check or a second service that
    repeats `${DB_PASSWORD:-x}` repeats the same committed value (`extra.repeated_on_lines`)."""
    first: dict[tuple[str, str], tuple[int, Redaction]] = {}
    repeats: dict[tuple[str, str], list[int]] = {}
    for number, text in doc.iter_lines():
        if "${" not in text or text.lstrip().startswith("#"):
            continue
        for found in _DEFAULTED.finditer(text):
            name, default = found.group(1), found.group(2).strip().strip("'\"")
            if not default or not credential_name(name) or describes_credential(default):
                continue
            seen = (name, default)  # compared here only; never stored past the scan of this file
            if seen in first:
                if number != first[seen][0] and number not in repeats[seen]:
                    repeats[seen].append(number)
                continue
            first[seen] = (number, Redaction(number, found.start(2), found.end(2)))
            repeats[seen] = []
    for (name, _default), (number, redaction) in first.items():
        again = repeats[(name, _default)]
        yield Match(
            LineSpan.at(number),
            key=name,
            redactions=(redaction,),
            context={"name": name},
            extra={"repeated_on_lines": again} if again else {},
        )


def _environment(service: Mapping[str, Any]) -> Iterator[tuple[Any, str, str]]:
    """(position key, name, value) of a service's environment, mapping or list form."""
    env = service.get("environment")
    if isinstance(env, Mapping):
        for name, value in env.items():
            yield name, str(name), "" if value is None else str(value)
    elif isinstance(env, list):
        for i, item in enumerate(env):
            if isinstance(item, str):
                name, _, value = item.partition("=")
                yield i, name.strip(), value.strip()


def postgres_trust_auth(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`POSTGRES_HOST_AUTH_METHOD: trust`: every connection is let in without a password."""
    for node in doc.nodes:
        if node.kind != "service" or not isinstance(node.value, Mapping):
            continue
        for key, name, value in _environment(node.value):
            if name == "POSTGRES_HOST_AUTH_METHOD" and value.strip().strip("'\"").lower() == "trust":
                yield Match(LineSpan.at(node.line_of(("environment", key))), entity=node.ref, key=name)


def logging_disabled(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`logging: {driver: none}`: the service's output is discarded, not kept anywhere."""
    for node in doc.nodes:
        if node.kind != "service" or not isinstance(node.value, Mapping):
            continue
        logging = node.value.get("logging")
        if isinstance(logging, Mapping) and str(logging.get("driver", "")).strip().lower() == "none":
            yield Match(LineSpan.at(node.line_of(("logging", "driver"))), entity=node.ref, key="logging.driver")
