"""What to do with each kind of value: `replace` (a realistic, consistent substitute; the
default), `redact`, `hash` (a keyed token), `generalize` (year of a date, ZIP3, age band, or
redaction where no coarser form exists) or `keep`.

A policy file is YAML: `default: replace` and `types: {email: redact, dob: generalize}`; type
names are the PHI detector's type ids (`hms-policy explain` lists them) plus `date`, `age`,
`city` and `zip`. Clinical content (diagnoses, clinical details) is kept by default: once the
identifiers are gone it is no longer about anyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hms_policy.detectors.phi.types import TYPES

STRATEGIES = ("replace", "redact", "hash", "generalize", "keep")
EXTRA_TYPES = ("date", "age", "city", "zip", "identifier", "phone")
CLINICAL = ("diagnosis_code", "clinical_field", "fhir_clinical", "phi_in_url")
# Internal kinds that follow another type's strategy.
ALIASES = {"given_name": "person_name", "family_name": "person_name", "zip_plus4": "zip"}


@dataclass(frozen=True, slots=True)
class Policy:
    default: str = "replace"
    types: Mapping[str, str] = field(default_factory=dict)

    def strategy(self, kind: str) -> str:
        category = ALIASES.get(kind, kind)
        chosen = self.types.get(category)
        if chosen is not None:
            return chosen
        if category in CLINICAL:
            return "keep"
        return self.default


def known_types() -> list[str]:
    return sorted(set(TYPES) - {"zip_plus4"} | set(EXTRA_TYPES))


def parse_policy(data: Any, source: str = "policy") -> Policy:
    if data is None:
        return Policy()
    if not isinstance(data, Mapping):
        raise ValueError(f"{source}: a mapping with `default` and `types` is expected")
    unknown = sorted(set(data) - {"default", "types"})
    if unknown:
        raise ValueError(f"{source}: unknown key {unknown[0]!r} (expected default, types)")
    default = str(data.get("default", "replace"))
    if default not in STRATEGIES:
        raise ValueError(f"{source}: default must be one of {', '.join(STRATEGIES)}")
    types_in = data.get("types") or {}
    if not isinstance(types_in, Mapping):
        raise ValueError(f"{source}: types must map a type to a strategy")
    known = set(known_types()) | {"zip_plus4"}
    types: dict[str, str] = {}
    for name, strategy in types_in.items():
        name = ALIASES.get(str(name), str(name))
        if name not in known:
            raise ValueError(f"{source}: unknown type {name!r} (known: {', '.join(known_types())})")
        if strategy not in STRATEGIES:
            raise ValueError(f"{source}: {name}: strategy must be one of {', '.join(STRATEGIES)}")
        types[name] = str(strategy)
    return Policy(default, types)


def load_policy(path: Path) -> Policy:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read policy file {path}: {type(exc).__name__}") from None
    except yaml.YAMLError:
        raise ValueError(f"policy file {path} is not valid YAML") from None
    return parse_policy(data, str(path))
