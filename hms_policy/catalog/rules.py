"""Rule YAML -> `Rule`, validated by JSON Schema, with the cross-checks a schema cannot do.

Built-in rules are validated by the test suite (every shipped file, every change), so a scan
skips re-validating them; rules from a user directory or a plugin are always validated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from hms_policy.errors import RuleError
from hms_policy.model import Category, Rule, Severity
from hms_policy.safe_messages import schema_problem, yaml_problem, yaml_where

_SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


@cache
def schema(name: str) -> dict[str, Any]:
    """A shipped JSON Schema, e.g. `schema("rule.v1")`."""
    with open(_SCHEMA_DIR / f"{name}.json", encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def schema_errors(data: Any, schema_name: str) -> list[str]:
    """Every schema violation as "<json path>: <message>", best first."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema(schema_name))
    return describe_schema_errors(validator.iter_errors(data))


def describe_schema_errors(found: Iterable[Any]) -> list[str]:
    """jsonschema `ValidationError`s as "<json path>: <message>", best first (shallowest,
    then by path; errors at one path keep the order they were found in)."""
    errors = sorted(found, key=lambda e: (len(list(e.absolute_path)), e.json_path))
    out = []
    for error in errors:
        # A oneOf/if-then failure is clearer through its most specific sub-error.
        best = error
        while best.context:
            best = min(best.context, key=lambda e: len(list(e.absolute_path)) * -1)
        where = best.json_path.removeprefix("$.").removeprefix("$") or "(top level)"
        out.append(f"{where}: {schema_problem(best)}")  # never best.message: it quotes the value
    return out


def load_yaml_file(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=loader)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: invalid YAML{yaml_where(exc)}: {yaml_problem(exc)}") from None


def rule_from_dict(data: Mapping[str, Any], source: str) -> Rule:
    test_severity = data.get("test_paths_severity")
    return Rule(
        id=data["id"],
        name=data["name"],
        title=data["title"],
        category=Category(data["category"]),
        severity=Severity.parse(data["severity"]),
        kinds=frozenset(data["target"]["kinds"]),
        types=frozenset(data["target"].get("types", ())),
        paths=tuple(data["target"].get("paths", ())),
        match=data["match"],
        message=data["message"],
        description=data["description"],
        remediation=data["remediation"],
        rationale=data.get("rationale", ""),
        references=tuple(data.get("references", ())),
        example=data.get("example", ""),
        redaction=data.get("redaction"),
        status=data.get("status", "stable"),
        since=str(data.get("since", "")),
        tags=tuple(data.get("tags", ())),
        enabled_by=data.get("enabled_by", ""),
        test_paths_severity=Severity.parse(test_severity) if test_severity else None,
        source=source,
    )


def load_rule_file(path: Path, *, validate: bool = True, data: Any = None) -> Rule:
    """A rule file; `data` is its already-parsed YAML when the caller has it (a snapshot)."""
    data = load_yaml_file(path) if data is None else data
    label = data.get("id", "?") if isinstance(data, dict) else "?"
    if validate:
        problems = schema_errors(data, "rule.v1")
        if problems:
            raise RuleError(f"{path}: rule {label}: " + "; ".join(problems[:5]))
    elif not isinstance(data, dict):
        raise RuleError(f"{path}: not a rule mapping")
    expected = f"{data['id']}-{data['name']}.yaml"
    if path.name != expected:
        raise RuleError(f"{path}: rule {data['id']}: file name must be {expected}")
    if data["match"]["kind"] == "regex":
        _check_regex(path, data)
    return rule_from_dict(data, str(path))


def _check_regex(path: Path, data: Mapping[str, Any]) -> None:
    for field in ("pattern", "unless"):
        pattern = data["match"].get(field)
        if pattern is None:
            continue
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RuleError(f"{path}: rule {data['id']}: match.{field}: invalid regular expression: {exc}") from None


@dataclass(frozen=True, slots=True)
class RuleCatalog:
    rules: Mapping[str, Rule]  # by id

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(sorted(self.rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self.rules)


def load_rules(
    directories: Iterable[tuple[Path, bool]],
    known_detectors: Iterable[str] | None = None,
    *,
    parsed: Callable[[list[Path], Callable[[Path], Any]], Mapping[Path, Any]] | None = None,
) -> RuleCatalog:
    """Load every `*.yaml` rule under each (directory, validate) pair; ids and names unique.

    `parsed(paths, load_yaml_file)` may supply the parsed YAML of all files at once (the
    result cache's snapshot, engine/cache.py); validation and every check still run."""
    rules: dict[str, Rule] = {}
    names: dict[str, str] = {}
    listed = [
        (path, validate)
        for directory, validate in directories
        for path in sorted(directory.rglob("*.yaml"))
        if not path.name.startswith("_")
    ]
    preloaded = parsed([p for p, _ in listed], load_yaml_file) if parsed is not None else {}
    for path, validate in listed:
        rule = load_rule_file(path, validate=validate, data=preloaded.get(path))
        if rule.id in rules:
            raise RuleError(f"{path}: rule {rule.id}: id already used by {rules[rule.id].source}")
        if rule.name in names:
            raise RuleError(f"{path}: rule {rule.id}: name {rule.name!r} already used by {names[rule.name]}")
        _check_message(rule)
        rules[rule.id] = rule
        names[rule.name] = rule.id
    if known_detectors is not None:
        known = set(known_detectors)
        for rule in rules.values():
            if rule.match["kind"] == "detector" and rule.match["detector"] not in known:
                raise RuleError(f"{rule.source}: rule {rule.id}: match.detector: unknown detector {rule.match['detector']!r}")
    return RuleCatalog(rules)


_ALWAYS_AVAILABLE = {"entity", "path", "line", "kind", "rule_id"}


def _check_message(rule: Rule) -> None:
    if rule.match["kind"] != "condition":
        return  # detectors document their own context keys
    for name in _PLACEHOLDER.findall(rule.message):
        if name not in _ALWAYS_AVAILABLE and name not in ("value", "attribute"):
            raise RuleError(f"{rule.source}: rule {rule.id}: message: unknown placeholder {{{name}}}")
