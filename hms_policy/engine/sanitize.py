"""Every snippet line is sanitised where its Finding is built, whichever rule found it.

A snippet shows a whole line, so a finding of one rule can carry what another rule (or no
rule at all) would have found beside it: a password next to an SSN, a token in a URL. This
module lists the spans of a line that must be masked, from three sources:

* the PHI line detector, run as if the line were about a patient (the most eager setting);
* detect-secrets with hms-policy's plugins, on the line alone (when it is installed);
* generic high-risk shapes that need no detector: credential userinfo in a URL, the value
  of a `key=value` whose key names a secret or a PHI field, a known token prefix, a long
  high-entropy token, a long run of digits.

Over-masking a snippet costs a reader some context; under-masking leaks a value.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from hms_policy.model import Redaction, TargetKind

# `scheme://user:pass@host`: the whole userinfo, since the user part can be a token
# (`https://TOKEN@host`) or a person (`jane.doe:pw@`).
_USERINFO = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://(?P<v>[^\s/@'\"<>]+)@")
# `key = value`, `key: value`, `"key": "value"`, `key=value&` (query strings, logs, env files).
_KEY_VALUE = re.compile(
    r"""(?P<key>[A-Za-z_][\w.\-]*)["']?\s*(?:=|:(?!//)|=>)\s*(?:(?P<q>["'])(?P<qv>[^"'\n]*)(?P=q)|(?P<v>[^\s"'&,;)}\]]+))"""
)
# Prefixes that name a credential whatever follows them.
_PREFIXED = re.compile(
    r"(?<![A-Za-z0-9])(?:gh[pousr]_|github_pat_|glpat-|gl(?:dt|rt|cbt|ptt|ft|imt|agent|soat)-|xox[abposer]-|xapp-|"
    r"[sr]k_(?:live|test)_|pk_live_|whsec_|SG\.|npm_|pypi-|A(?:KIA|SIA|GPA|IDA|ROA|NPA|NVA)|AIza|ya29\.|sk-|eyJ|"
    r"AKC|AP[0-9A-F]|dop_v1_|shpat_|hf_)[A-Za-z0-9_\-+/=.]{4,}"
)
_TOKEN_RUN = re.compile(r"[A-Za-z0-9_+/=\-.~]{16,}")
_DIGIT_RUN = re.compile(r"(?<![\w.])\+?\d(?:[ \-.]?\d){8,}(?![\w])")
_DIGEST_BEFORE = re.compile(r"(?:sha\d+|md5)[:=]$", re.IGNORECASE)

_SECRET_WORDS = frozenset(
    "password passwd pwd pass passphrase secret secrets token tokens apikey credential credentials creds "
    "auth authorization bearer cookie session sessionid signature private privatekey".split()
)
_KEY_QUALIFIERS = frozenset("api secret private access signing master encryption client account auth".split())
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
# `password = get_password()`, `token: ${TOKEN}`, `secret = var.db_secret`: a reference, not a value.
# Only `${NAME}`, `$NAME` (the whole value, upper case) and `{{ ... }}` are interpolations: `$ecret99` is a value.
_REFERENCE = re.compile(r"^(?:\$\{|\$[A-Z_][A-Z0-9_]*$|\{\{|%\(|<[A-Za-z_]|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$|[A-Za-z_][\w.]*\()")


def sensitive_spans(text: str, line: int, path: str = "", kind: TargetKind = TargetKind.TEXT) -> list[Redaction]:
    """The spans of `text` (line number `line`) that no snippet may show in clear."""
    return [Redaction(line, start, end, label, keep) for start, end, label, keep in _spans(text, path, kind)]


def _spans(text: str, path: str, kind: TargetKind) -> tuple[tuple[int, int, str, int], ...]:
    phi = [(s, e, "phi", keep) for s, e, keep in _phi_spans(text)]
    others = [(s, e, "secret", 0) for s, e in _secret_spans(text, path, kind)]
    others.extend((s, e, "value", 0) for s, e in _shape_spans(text))
    # A generic shape inside a PHI value defers to the PHI type's masked display (SSN: last 4).
    others = [o for o in others if not any(p[0] <= o[0] and o[1] <= p[1] for p in phi)]
    return tuple(phi + others)


def _phi_spans(text: str) -> list[tuple[int, int, int]]:
    from hms_policy.detectors.phi.line import LineContext, analyse
    from hms_policy.detectors.phi.types import TYPES

    out = []
    for hit in analyse(text, LineContext(patient=True)):
        phi_type = TYPES.get(hit.type)
        out.append((hit.start, hit.end, phi_type.keep_last if phi_type else 0))
    return out


def _secret_spans(text: str, path: str, kind: TargetKind) -> list[tuple[int, int]]:
    from hms_policy.adapters.detect_secrets import line_spans
    from hms_policy.engine.registry import DetectorUnavailable

    try:
        return line_spans(text, path or "snippet.txt", kind)
    except DetectorUnavailable:
        return []  # the generic shapes below still apply


def _shape_spans(text: str) -> list[tuple[int, int]]:
    out = [m.span("v") for m in _USERINFO.finditer(text)]
    out.extend(_key_value_spans(text))
    out.extend(m.span() for m in _PREFIXED.finditer(text))
    out.extend(m.span() for m in _TOKEN_RUN.finditer(text) if _random_looking(m.group()) and not _is_digest(text, m.start()))
    out.extend(m.span() for m in _DIGIT_RUN.finditer(text))
    return out


def _key_value_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _KEY_VALUE.finditer(text):
        group = "qv" if m.group("q") else "v"
        value = m.group(group)
        if value and not _REFERENCE.match(value) and sensitive_key(m.group("key")):
            out.append(m.span(group))
    return out


@lru_cache(maxsize=4096)
def sensitive_key(key: str) -> bool:
    """Whether a field named `key` holds a secret or PHI (`db_password`, `patient_name`, `ssn`)."""
    from hms_policy.detectors.phi.keys import role_of

    words = {w.lower() for w in _WORD.findall(key.rsplit(".", 1)[-1])}
    if words & _SECRET_WORDS or ("key" in words and words & _KEY_QUALIFIERS):
        return True
    return role_of(key.rsplit(".", 1)[-1]) not in (None, "negative")


def _random_looking(token: str) -> bool:
    """Long, mixed letters and digits, and close to uniformly random: a key, not a word or path."""
    body = token.strip("=.-_/")
    if len(body) < 16 or not any(c.isdigit() for c in body) or not any(c.isalpha() for c in body):
        return False
    if len(body) >= 32 and all(c in "0123456789abcdefABCDEF" for c in body):
        return True
    counts = Counter(body)
    entropy = -sum(n / len(body) * math.log2(n / len(body)) for n in counts.values())
    return len(counts) >= 10 and entropy >= 3.2


def _is_digest(text: str, start: int) -> bool:
    """`sha256:…` pins content; it is not a secret and a reader needs it."""
    return bool(_DIGEST_BEFORE.search(text[max(0, start - 8) : start]))
