"""De-identification of test data: `hms-policy deidentify` and the library functions here.

The PHI detectors (`detectors/phi`) find what to replace; this package writes realistic,
consistent substitutes into exactly those characters, leaving structure and bytes as they
were. Modules: keyed (the key and its HMAC), identifiers (valid fictional identifiers),
people (Faker names and addresses), dates (shifts, ages, ZIP codes), policy (per-type
strategies), engine (value in, substitute out), text (free text), fieldkinds (field names),
formats/ (one module per file format), files (bytes, encodings, gzip), run (trees of files),
verify (the re-scan).
"""

from __future__ import annotations

from typing import IO

from hms_policy.deidentify.policy import Policy


def deidentify_text(text: str, key: str | bytes, fmt: str = "text", policy: Policy | None = None, locale: str = "en_US") -> str:
    """De-identify a string written in `fmt` (csv, tsv, json, ndjson, yaml, xml, sql, hl7, text)."""
    from hms_policy.deidentify.engine import Engine
    from hms_policy.deidentify.files import deidentify_string

    engine = Engine(key.encode() if isinstance(key, str) else key, policy, locale, track=False)
    return deidentify_string(text, engine, fmt)


def deidentify_stream(source: IO[bytes], sink: IO[bytes], key: str | bytes, fmt: str = "text",
                      policy: Policy | None = None, locale: str = "en_US") -> list[str]:
    """De-identify a byte stream into `sink`; returns the input errors found (never values)."""
    import io

    from hms_policy.deidentify.engine import Engine
    from hms_policy.deidentify.files import deidentify_stream as _stream

    engine = Engine(key.encode() if isinstance(key, str) else key, policy, locale, track=False)
    buffered: IO[bytes] = source if hasattr(source, "peek") else io.BufferedReader(io.BytesIO(source.read()))
    return _stream(buffered, sink, engine, fmt)


__all__ = ["Policy", "deidentify_stream", "deidentify_text"]
