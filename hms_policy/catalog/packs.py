"""Policy-pack YAML -> `PolicyPack`; selection by id or path; the rule -> control index.

Regulation lives in packs, not rules: a pack maps each of its controls to rule ids, and
`--policy gdpr` decides which controls a finding is reported against.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from hms_policy._resources import builtin_policies_dir
from hms_policy.catalog.rules import RuleCatalog, load_yaml_file, schema_errors
from hms_policy.errors import RuleError, UsageError
from hms_policy.model import Control, PolicyPack, Severity

DEFAULT_POLICIES = ("hipaa", "gdpr", "ndhm")


def load_pack_file(path: Path, *, validate: bool = True, data: Any = None) -> PolicyPack:
    """A pack file; `validate=False` only for the built-in packs, which the test suite
    validates (as built-in rules are), so a scan does not import jsonschema for them. `data`
    is its already-parsed YAML when the caller has it (a snapshot)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"{path}: cannot read policy pack: {exc.strerror}") from None
    data = load_yaml_file(path) if data is None else data
    problems = schema_errors(data, "pack.v1") if validate or not isinstance(data, dict) else []
    if problems:
        label = data.get("id", "?") if isinstance(data, dict) else "?"
        raise RuleError(f"{path}: pack {label}: " + "; ".join(problems[:5]))
    seen: set[str] = set()
    controls = []
    for item in data["controls"]:
        if item["id"] in seen:
            raise RuleError(f"{path}: pack {data['id']}: control {item['id']!r} is declared twice")
        seen.add(item["id"])
        controls.append(
            Control(
                id=item["id"],
                title=item["title"],
                rules=tuple(item["rules"]),
                citation=item.get("citation", ""),
                evidence=item.get("evidence", ""),
            )
        )
    return PolicyPack(
        id=data["id"],
        version=str(data["version"]),
        title=data["title"],
        controls=tuple(controls),
        digest="sha256:" + hashlib.sha256(raw).hexdigest(),
        parameters=data.get("parameters") or {},
        severity_overrides={k: Severity.parse(v) for k, v in (data.get("severity_overrides") or {}).items()},
        source=str(path),
    )


def select_packs(
    selectors: Sequence[str],
    available: Mapping[str, Path],
    *,
    parsed: Callable[[list[Path], Callable[[Path], Any]], Mapping[Path, Any]] | None = None,
) -> list[PolicyPack]:
    """`hipaa`, `gdpr,ndhm` or a path to a user's pack file. `parsed(paths, load_yaml_file)`
    may supply the files' parsed YAML at once (the cache's snapshot, as for rules)."""
    paths: list[Path] = []
    for selector in selectors:
        for item in (s.strip() for s in selector.split(",")):
            if not item:
                continue
            path = available.get(item)
            if path is None:
                candidate = Path(item)
                if candidate.suffix in (".yaml", ".yml") or "/" in item:
                    if not candidate.is_file():
                        raise UsageError(f"policy pack file not found: {item}")
                    path = candidate
                else:
                    names = ", ".join(sorted(available)) or "none"
                    raise UsageError(f"unknown policy {item!r} (available: {names}, or a path to a pack file)")
            paths.append(path)
    preloaded = parsed(paths, load_yaml_file) if parsed is not None and paths else {}
    packs: list[PolicyPack] = []
    for path in paths:
        pack = load_pack_file(path, validate=path.parent.resolve() != builtin_policies_dir().resolve(), data=preloaded.get(path))
        if any(p.id == pack.id for p in packs):
            raise UsageError(f"policy {pack.id!r} selected twice")
        packs.append(pack)
    if not packs:
        raise UsageError("no policy selected")
    return _with_residency_scope(packs)


# Parameters that decide whether a rule judges a configuration, not what a finding is: they stay
# out of the binding digest that enters fingerprints (api._parameterised), so a baseline holds
# whichever packs are selected.
SCOPE_PARAMETERS = frozenset({"residency_scope"})


def _with_residency_scope(packs: list[PolicyPack]) -> list[PolicyPack]:
    """Packs that disagree on where data may live (GDPR's EU and NDHM's India, as the default
    selection has) cannot all apply to one system: each then judges only configurations that
    keep something in its own regions (`residency_scope: present`), and a place outside them is
    data leaving. One residency pack alone judges every place (`all`). A pack that sets the
    parameter itself keeps it."""
    scope = "present" if sum(1 for p in packs if p.parameters.get("allowed_regions")) > 1 else "all"
    return [
        replace(p, parameters={**p.parameters, "residency_scope": scope})
        if p.parameters.get("allowed_regions") and "residency_scope" not in p.parameters else p
        for p in packs
    ]


def check_references(packs: Iterable[PolicyPack], catalog: RuleCatalog) -> None:
    for pack in packs:
        for control in pack.controls:
            for rule_id in control.rules:
                if catalog.get(rule_id) is None:
                    raise RuleError(f"{pack.source}: pack {pack.id}: control {control.id}: unknown rule {rule_id}")
        for rule_id in pack.severity_overrides:
            if catalog.get(rule_id) is None:
                raise RuleError(f"{pack.source}: pack {pack.id}: severity_overrides: unknown rule {rule_id}")


def apply_rule_gates(packs: Iterable[PolicyPack], catalog: RuleCatalog) -> tuple[PolicyPack, ...]:
    """Drop from each pack's controls the rules it does not turn on: a rule with `enabled_by:
    <parameter>` belongs to a pack only when the pack sets that parameter to true. Dropped,
    not run and passed: a control then lists only rules that really judged something, and
    one left with none is `not-evaluated`, never `pass` on nothing."""
    return tuple(_gated(pack, catalog) for pack in packs)


def _gated(pack: PolicyPack, catalog: RuleCatalog) -> PolicyPack:
    def enabled(rule_id: str) -> bool:
        rule = catalog.get(rule_id)
        return rule is None or not rule.enabled_by or pack.parameters.get(rule.enabled_by) is True

    controls = tuple(replace(c, rules=tuple(r for r in c.rules if enabled(r))) for c in pack.controls)
    if controls == pack.controls:
        return pack
    overrides = {k: v for k, v in pack.severity_overrides.items() if enabled(k)}
    return replace(pack, controls=controls, severity_overrides=overrides)


@dataclass(frozen=True, slots=True)
class PackIndex:
    """Rule id -> the controls and severity it carries under the selected packs."""

    packs: tuple[PolicyPack, ...]

    def rule_ids(self) -> set[str]:
        return {rule_id for pack in self.packs for control in pack.controls for rule_id in control.rules}

    def packs_for(self, rule_id: str) -> list[PolicyPack]:
        return [p for p in self.packs if any(rule_id in c.rules for c in p.controls)]

    def controls_for(self, rule_id: str, pack_id: str | None = None) -> tuple[str, ...]:
        refs: list[str] = []
        for pack in self.packs:
            if pack_id is None or pack.id == pack_id:
                refs.extend(pack.control_refs(rule_id))
        return tuple(refs)

    def severity_for(self, rule_id: str, default: Severity, pack_id: str | None = None) -> Severity:
        overrides = [
            p.severity_overrides[rule_id]
            for p in self.packs_for(rule_id)
            if rule_id in p.severity_overrides and (pack_id is None or p.id == pack_id)
        ]
        return max(overrides) if overrides else default

    def parameter(self, pack_id: str, name: str, default: Any) -> Any:
        for pack in self.packs:
            if pack.id == pack_id:
                return pack.parameters.get(name, default)
        return default
