"""The library entry point: `scan(paths, ...) -> Report`.

It composes the parts in one direction: settings -> catalogue and packs -> discovery ->
engine -> report. Nothing here prints or exits.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from hms_policy.catalog.packs import DEFAULT_POLICIES, PackIndex, check_references, select_packs
from hms_policy.catalog.rules import RuleCatalog, load_rules
from hms_policy.engine.conditions import bind_parameters, uses_pack_parameters
from hms_policy.engine.registry import DetectorRegistry, load_registry
from hms_policy.engine.run import ActiveRule, ScanPlan, default_jobs, execute
from hms_policy.errors import ConfigError, UsageError
from hms_policy.model import PolicyPack, Report, Severity, TargetInfo
from hms_policy.report.build import build_report, git_commit
from hms_policy.targets.discover import DEFAULT_MAX_FILE_BYTES, Discovery, Selection, common_root, discover
from hms_policy.targets.merkle import merkle_root


@dataclass(frozen=True, slots=True)
class Catalogue:
    rules: RuleCatalog
    packs: tuple[PolicyPack, ...]
    detectors: DetectorRegistry


def rule_directories(extra: Iterable[Path] = ()) -> list[tuple[Path, bool]]:
    """(directory, validate) pairs: built-ins (validated by the test suite), plugins, user dirs."""
    from hms_policy._resources import builtin_rules_dir

    dirs: list[tuple[Path, bool]] = [(builtin_rules_dir(), False)]
    for directory in _plugin_rule_dirs():
        dirs.append((directory, True))
    for directory in extra:
        if not directory.is_dir():
            raise UsageError(f"rules directory not found: {directory}")
        dirs.append((directory, True))
    return dirs


def _plugin_rule_dirs() -> list[Path]:
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group="hms_policy.rules"):
        if ep.dist is not None and ep.dist.name == "hms-policy":
            continue
        try:
            out.append(Path(str(ep.load()())))
        except Exception as exc:
            raise ConfigError(f"rules plugin {ep.name!r} failed to load: {exc}") from None
    return out


def available_packs() -> dict[str, Path]:
    from importlib.metadata import entry_points

    from hms_policy._resources import builtin_pack_files

    packs = dict(builtin_pack_files())
    for ep in entry_points(group="hms_policy.packs"):
        if ep.dist is not None and ep.dist.name == "hms-policy":
            continue
        try:
            provided = ep.load()()
        except Exception as exc:
            raise ConfigError(f"packs plugin {ep.name!r} failed to load: {exc}") from None
        items = provided.items() if isinstance(provided, dict) else [(ep.name, provided)]
        for pack_id, path in items:
            packs.setdefault(pack_id, Path(str(path)))
    return packs


def load_catalogue(policies: Sequence[str] = DEFAULT_POLICIES, rules_dirs: Iterable[Path] = ()) -> Catalogue:
    detectors = load_registry()
    rules = load_rules(rule_directories(rules_dirs), known_detectors=detectors.ids())
    packs = tuple(select_packs(policies, available_packs()))
    check_references(packs, rules)
    return Catalogue(rules, packs, detectors)


def active_rules(catalogue: Catalogue, *, disable: Iterable[str] = (), preview: bool = False) -> tuple[ActiveRule, ...]:
    """The rules the selected packs map, each bound to pack parameters where it uses them."""
    index = PackIndex(catalogue.packs)
    disabled = {d.upper() for d in disable}
    out: list[ActiveRule] = []
    for rule_id in sorted(index.rule_ids() - disabled):
        rule = catalogue.rules.get(rule_id)
        if rule is None or (rule.status == "preview" and not preview):
            continue
        if not uses_pack_parameters(rule.match):
            out.append(ActiveRule(rule, rule.match, index.controls_for(rule_id), index.severity_for(rule_id, rule.severity)))
            continue
        # A parameterised rule runs once per pack, with that pack's parameters and controls.
        for pack in index.packs_for(rule_id):
            bound = bind_parameters(rule.match, lambda name, default, p=pack: p.parameters.get(name, default))
            out.append(
                ActiveRule(rule, bound, index.controls_for(rule_id, pack.id), index.severity_for(rule_id, rule.severity, pack.id), pack.id)
            )
    return tuple(out)


def scan(
    paths: Sequence[str | Path],
    *,
    policies: Sequence[str] | str | None = None,
    fail_on: str | None = None,
    jobs: int | None = None,
    exclude: Sequence[str] | None = None,
    max_file_bytes: int | None = None,
    use_gitignore: bool | None = None,
    rules_dirs: Sequence[str | Path] | None = None,
    disable: Sequence[str] | None = None,
    preview: bool | None = None,
    settings: dict[str, Any] | None = None,
    read_project_settings: bool = True,
) -> Report:
    """Scan files and directories against policy packs and return the report.

    Keyword arguments left as None come from the scanned project's settings
    (`[tool.hms-policy]` or `.hms-policy.yaml`), the environment, then defaults.
    """
    if not paths:
        raise UsageError("nothing to scan: give at least one path")
    path_list = [Path(p) for p in paths]
    for p in path_list:
        if not p.exists() and not p.is_symlink():
            raise UsageError(f"path does not exist: {p}")
    root = common_root(path_list)
    flags = {
        "policy": [policies] if isinstance(policies, str) else (list(policies) if policies is not None else None),
        "fail_on": fail_on,
        "jobs": jobs,
        "exclude": list(exclude) if exclude is not None else None,
        "max_file_bytes": max_file_bytes,
        "use_gitignore": use_gitignore,
        "rules_dirs": [str(d) for d in rules_dirs] if rules_dirs is not None else None,
        "disable": list(disable) if disable is not None else None,
        "preview": preview,
    }
    if settings is None:
        from hms_policy.config import merge_settings

        settings = merge_settings(root, flags) if read_project_settings else {k: v for k, v in flags.items() if v is not None}
    return scan_with_settings(path_list, root, settings)


def scan_with_settings(paths: Sequence[Path], root: Path, settings: dict[str, Any]) -> Report:
    policy = settings.get("policy") or list(DEFAULT_POLICIES)
    policies = [policy] if isinstance(policy, str) else list(policy)
    fail_on_text = settings.get("fail_on", "high")
    try:
        fail_on = None if fail_on_text == "none" else Severity.parse(fail_on_text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    catalogue = load_catalogue(policies, [Path(d) for d in settings.get("rules_dirs", [])])
    active = active_rules(catalogue, disable=settings.get("disable", ()), preview=bool(settings.get("preview")))
    selection = Selection(
        excludes=tuple(settings.get("exclude", ())),
        use_gitignore=settings.get("use_gitignore", True),
        max_file_bytes=settings.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES),
    )
    discovery = discover(paths, selection, root)
    plan = ScanPlan(active, catalogue.detectors, selection.max_file_bytes, _dt.date.today())
    jobs = settings.get("jobs") or default_jobs()
    result = execute(plan, discovery.files, jobs)
    return build_report(
        target=target_info(discovery, result.files, selection_record(paths, root, selection)),
        packs=catalogue.packs,
        active_rule_ids={a.rule.id for a in active},
        findings=result.findings,
        evaluated=result.evaluated,
        errors=[*discovery.errors, *result.errors],
        fail_on=fail_on,
        rules=(a.rule for a in active),
    )


def selection_record(paths: Sequence[Path], root: Path, selection: Selection) -> dict[str, Any]:
    """What `verify --root` needs to repeat this discovery: scanned paths relative to the
    root, and the settings that chose the files."""
    base = root.resolve()
    rel = []
    for p in paths:
        absolute = Path(os.path.abspath(p))
        try:
            rel.append(absolute.relative_to(base).as_posix() or ".")
        except ValueError:
            rel.append(absolute.as_posix())
    return {
        "mode": "paths",
        "paths": sorted(set(rel)),
        "exclude": list(selection.excludes),
        "use_gitignore": selection.use_gitignore,
        "max_file_bytes": selection.max_file_bytes,
    }


def target_info(discovery: Discovery, files: Iterable[Any], selection: dict[str, Any] | None = None) -> TargetInfo:
    records = list(files)
    scanned = [r for r in records if r.scanned]
    return TargetInfo(
        root=discovery.root.as_posix(),
        name=discovery.root.name,
        git_commit=git_commit(discovery.root),
        files_scanned=len(scanned),
        bytes_scanned=sum(r.size for r in scanned),
        digest=merkle_root((r.path, r.sha256) for r in records if r.sha256),
        selection=selection,
    )
