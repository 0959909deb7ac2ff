"""The library entry point: `scan(paths, ...) -> Report`.

It composes the parts in one direction: settings -> catalogue and packs -> discovery ->
engine -> report. Nothing here prints or exits.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, Union

from hms_policy.catalog.packs import DEFAULT_POLICIES, SCOPE_PARAMETERS, PackIndex, apply_rule_gates, check_references, select_packs
from hms_policy.catalog.rules import RuleCatalog, load_rules
from hms_policy.engine.conditions import bind_parameters, uses_pack_parameters
from hms_policy.engine.registry import DetectorRegistry, load_registry
from hms_policy.engine.deadline import DEFAULT_FILE_TIMEOUT
from hms_policy.engine.roles import RolePolicy, policy_from_settings
from hms_policy.engine.run import ActiveRule, ScanPlan, default_jobs, execute
from hms_policy.errors import ConfigError, UsageError
from hms_policy.model import Component, PolicyPack, Report, Rule, ScanError, Severity, TargetInfo, gate_threshold
from hms_policy.report.build import build_report, git_commit, git_toplevel
from hms_policy.targets.discover import DEFAULT_MAX_FILE_BYTES, Candidate, Discovery, Selection, common_root, discover, printable, read_source
from hms_policy.targets.merkle import merkle_root

PathArg = Union[str, "os.PathLike[str]"]


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
    from hms_policy._plugins import plugin_entry_points  # cheap when no plugin is installed

    out = []
    for ep in plugin_entry_points("hms_policy.rules"):
        if ep.dist is not None and ep.dist.name == "hms-policy":
            continue
        try:
            out.append(Path(str(ep.load()())))
        except Exception as exc:
            raise ConfigError(f"rules plugin {ep.name!r} failed to load: {exc}") from None
    return out


def available_packs() -> dict[str, Path]:
    from hms_policy._plugins import plugin_entry_points  # cheap when no plugin is installed

    from hms_policy._resources import builtin_pack_files

    packs = dict(builtin_pack_files())
    for ep in plugin_entry_points("hms_policy.packs"):
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


def load_catalogue(policies: Sequence[str] = DEFAULT_POLICIES, rules_dirs: Iterable[Path] = (), *, yaml_snapshot: Any = None) -> Catalogue:
    """`yaml_snapshot` (engine.cache.YamlSnapshot) serves the rule and pack files' parsed YAML
    by content."""
    detectors = load_registry()
    parsed = yaml_snapshot.load_all if yaml_snapshot is not None else None
    rules = load_rules(rule_directories(rules_dirs), known_detectors=detectors.ids(), parsed=parsed)
    packs = tuple(select_packs(policies, available_packs(), parsed=parsed))
    check_references(packs, rules)
    return Catalogue(rules, apply_rule_gates(packs, rules), detectors)


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
        out.extend(_parameterised(rule, index))
    return tuple(out)


def _parameterised(rule: Rule, index: PackIndex) -> list[ActiveRule]:
    """A rule that reads pack parameters runs once per distinct set of bound parameters:
    packs that bind it the same way share one run (and one finding, carrying all their
    controls); packs that differ (NDHM's Indian regions, GDPR's EU ones) each get their own.
    The binding that enters the fingerprint is a digest of the bound parameters, so it does
    not change with which packs are selected. Where several bindings flag one place, the
    findings merge into one (engine/bindings.py)."""
    groups: dict[str, tuple[Mapping[str, Any], str, list[PolicyPack]]] = {}
    for pack in index.packs_for(rule.id):
        bound = bind_parameters(rule.match, lambda name, default, p=pack: p.parameters.get(name, default))
        identity = bind_parameters(_without_scope(rule.match), lambda name, default, p=pack: p.parameters.get(name, default))
        key = json.dumps(bound, sort_keys=True, default=str)
        groups.setdefault(key, (bound, json.dumps(identity, sort_keys=True, default=str), []))[2].append(pack)
    out = []
    for bound, identity_key, packs in groups.values():
        controls = tuple(ref for pack in packs for ref in index.controls_for(rule.id, pack.id))
        severity = max(index.severity_for(rule.id, rule.severity, pack.id) for pack in packs)
        binding = hashlib.sha256(identity_key.encode()).hexdigest()[:12]
        out.append(ActiveRule(rule, bound, controls, severity, binding))
    return out


def _without_scope(spec: Any) -> Any:
    """`spec` less the entries that take a scope parameter (packs.SCOPE_PARAMETERS)."""
    if isinstance(spec, Mapping):
        return {
            k: _without_scope(v) for k, v in spec.items()
            if not (isinstance(v, Mapping) and v.get("from_pack") in SCOPE_PARAMETERS)
        }
    return spec


def bind_rule_settings(active: Sequence[ActiveRule], settings: Mapping[str, Any]) -> tuple[ActiveRule, ...]:
    """Fill the `{from_settings: key}` params of rules that read scan settings (vuln_db), and
    tell detectors that serve several rules from one pass what the active ones ask of it."""
    from dataclasses import replace

    from hms_policy.engine.settings_binding import bind_settings, uses_settings
    from hms_policy.engine.shared_walks import share_walks

    return share_walks([replace(a, match=bind_settings(a.match, settings)) if uses_settings(a.match) else a for a in active])


def scan(
    paths: PathArg | Iterable[PathArg],
    *,
    policies: str | Iterable[str] | None = None,
    fail_on: Severity | str | None = None,
    jobs: int | None = None,
    exclude: str | Iterable[str] | None = None,
    max_file_bytes: int | None = None,
    use_gitignore: bool | None = None,
    rules_dirs: PathArg | Iterable[PathArg] | None = None,
    disable: str | Iterable[str] | None = None,
    preview: bool | None = None,
    min_confidence: float | None = None,
    vuln_db: PathArg | None = None,
    baseline: PathArg | None = None,
    cache: bool | None = None,
    cache_dir: PathArg | None = None,
    staged: bool = False,
    diff_base: str | None = None,
    categories: str | Iterable[str] | None = None,
    settings: dict[str, Any] | None = None,
    read_project_settings: bool = True,
    sbom: bool = False,
) -> Report:
    """Scan files and directories against policy packs and return the report.

    Every argument that takes paths or names takes one (a `str` or `os.PathLike`) or
    several. `fail_on` is a `Severity`, its name, or "none" for no gate.
    Keyword arguments left as None come from the scanned project's settings
    (`[tool.hms-policy]` or `.hms-policy.yaml`), the environment, then defaults.
    `staged` scans the git index instead of the working tree; `diff_base` reports only what
    the change since that revision introduces; `categories` keeps the rules of those
    categories only (e.g. "secret"); `sbom` records every component the manifests and lock
    files name in `Report.components` (what `--format cyclonedx` renders).
    Raises `UsageError` or `ConfigError` (see `hms_policy.errors`) on bad arguments.
    """
    path_list = as_paths(paths)
    if not path_list:
        raise UsageError("nothing to scan: give at least one path")
    for p in path_list:
        if not p.exists() and not p.is_symlink():
            raise UsageError(f"path does not exist: {p}")
    root = common_root(path_list)
    flags = {
        "policy": as_strings(policies) if policies is not None else None,
        "fail_on": gate_text(fail_on) if fail_on is not None else None,
        "jobs": jobs,
        "exclude": as_strings(exclude) if exclude is not None else None,
        "max_file_bytes": max_file_bytes,
        "use_gitignore": use_gitignore,
        "rules_dirs": [str(d) for d in as_paths(rules_dirs)] if rules_dirs is not None else None,
        "disable": as_strings(disable) if disable is not None else None,
        "preview": preview,
        "min_confidence": min_confidence,
        "vuln_db": str(vuln_db) if vuln_db is not None else None,
        "baseline": str(baseline) if baseline is not None else None,
        "cache": cache,
        "cache_dir": str(cache_dir) if cache_dir is not None else None,
    }
    if settings is None:
        from hms_policy.config import merge_settings

        settings = merge_settings(root, flags) if read_project_settings else {k: v for k, v in flags.items() if v is not None}
    chosen = as_strings(categories) if categories is not None else None
    if sbom:  # the report lists every component the manifests and lock files name
        settings = {**settings, "sbom": True}
    return scan_with_settings(path_list, root, settings, staged=staged, diff_base=diff_base, categories=chosen)


def with_vulnerability_database(active: Sequence[ActiveRule], settings: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """(settings, database): the OSV data for the rules that read `vuln_db` (deps/vulndb.py),
    bound into `vuln_db` (the managed database when --vuln-db / vuln_db names none), or
    (settings, None) when no such rule is active: a secrets-only hook does not look for it."""
    from hms_policy.engine.settings_binding import reads_setting

    if not any(reads_setting(a.match, "vuln_db") for a in active):
        return settings, None
    from hms_policy.deps.vulndb import for_scan

    database = for_scan(settings)
    return {**settings, "vuln_db": database.vuln_db}, database


def with_project_owners(active: Sequence[ActiveRule], settings: dict[str, Any], root: Path) -> dict[str, Any]:
    """The scanned repository's owners (targets/project_owner.py) in the `pipelines` settings,
    for the rules that read them: its own actions are first-party (not with `pin_own_actions`)."""
    from hms_policy.engine.settings_binding import reads_setting

    pipelines = dict(settings.get("pipelines") or {})
    if pipelines.get("pin_own_actions") or "project_owners" in pipelines or not any(reads_setting(a.match, "pipelines") for a in active):
        return settings
    from hms_policy.targets.project_owner import project_owners

    return {**settings, "pipelines": {**pipelines, "project_owners": list(project_owners(root))}}


def vulnerability_database_errors(database: Any, errors: list[ScanError]) -> list[ScanError]:
    """A stale database's warning, and the "no database" hint once per scan, not per manifest."""
    from hms_policy.deps.vulndb import NO_SOURCE, STALE_REASON, once_per_scan

    errors = once_per_scan(errors, NO_SOURCE)
    if database.warning:
        errors.append(ScanError(".", database.warning, STALE_REASON))
    return errors


def as_paths(value: PathArg | Iterable[PathArg]) -> list[Path]:
    """One path or several: a lone `str` is one path, never a sequence of characters."""
    if isinstance(value, (str, os.PathLike)):
        return [Path(value)]
    return [Path(p) for p in value]


def as_strings(value: str | Iterable[str]) -> list[str]:
    """One name or several (a `Category` or other str enum counts as one)."""
    return [value] if isinstance(value, str) else list(value)


def gate(fail_on: Severity | str) -> Severity | None:
    """The gate's threshold from a `Severity`, its name or "none" (None: no gate)."""
    try:
        return gate_threshold(fail_on)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def gate_text(fail_on: Severity | str) -> str:
    """The settings spelling of a gate: a severity's name or "none"."""
    threshold = gate(fail_on)
    return "none" if threshold is None else str(threshold)


def scan_with_settings(
    paths: Sequence[Path],
    root: Path,
    settings: dict[str, Any],
    *,
    staged: bool = False,
    diff_base: str | None = None,
    categories: Sequence[str] | None = None,
    config_file: Path | None = None,
) -> Report:
    policy = settings.get("policy") or list(DEFAULT_POLICIES)
    policies = [policy] if isinstance(policy, str) else list(policy)
    fail_on = gate(settings.get("fail_on", "high"))
    catalogue = load_catalogue(policies, [Path(d) for d in settings.get("rules_dirs", [])], yaml_snapshot=_yaml_snapshot(settings))
    check_rule_ids(settings.get("disable", ()), catalogue.rules.rules, "--disable")
    active = active_rules(catalogue, disable=settings.get("disable", ()), preview=bool(settings.get("preview")))
    every_active = active
    if categories:
        from hms_policy.engine.gate import select_categories

        active = select_categories(active, categories)
    settings, vuln_database = with_vulnerability_database(active, settings)
    settings = with_project_owners(active, settings, root)
    active = bind_rule_settings(active, settings)
    # The baseline file, the settings file and a result cache inside the tree are the
    # scanner's own, not content.
    own = _own_paths(settings, root, config_file)
    selection = Selection(
        excludes=(*settings.get("exclude", ()), *("/" + o for o in own)),
        use_gitignore=settings.get("use_gitignore", True),
        max_file_bytes=settings.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES),
    )
    # Which files: the working tree (paths), the git index (--staged) or a change (--diff).
    record = selection_record(paths, root, selection)
    changes = None
    if staged and diff_base:
        raise UsageError("--staged and --diff cannot be combined")
    if staged:
        from hms_policy.targets.git import staged_files

        picked = staged_files(root, paths, selection)
        discovery, record = Discovery(picked.root, picked.files, picked.errors), {**record, "mode": "staged"}
    elif diff_base:
        from hms_policy.engine.gate import changed_discovery
        from hms_policy.targets.git import changes_since

        changes = changes_since(root, diff_base)
        discovery, record = changed_discovery(changes, selection), {**record, "mode": "diff", "base": changes.base}
    else:
        discovery = discover(paths, selection, root)
    if own:  # files named explicitly (a hook passes paths) bypass the excludes
        dropped = {c.path for c in discovery.files if any(c.path == o or c.path.startswith(o + "/") for o in own)}
        discovery = replace(discovery, files=tuple(c for c in discovery.files if c.path not in dropped))
        # verify --root must leave them out too
        record = {**record, "excluded_files": sorted(dropped | {o for o in own if (root / o).is_file()})}
    if settings.get("shard"):  # --shard I/N: a deterministic part of the tree, whole units only
        from hms_policy.targets.shard import select_shard

        discovery = replace(discovery, files=tuple(select_shard(discovery.files, lambda c: c.path, settings["shard"])))
        record = {**record, "shard": str(settings["shard"]).replace(" ", "")}
    today = _dt.date.today()
    plan = ScanPlan(
        active,
        catalogue.detectors,
        selection.max_file_bytes,
        today,
        min_confidence=settings.get("min_confidence"),
        cache=_scan_cache(settings, active, catalogue, today),
        file_timeout=settings.get("file_timeout", DEFAULT_FILE_TIMEOUT),
        roles=policy_from_settings(settings),
    )
    jobs = settings.get("jobs") or default_jobs()
    result = execute(plan, discovery.files, jobs)
    # A file judged on its own and through another that includes it (`-r`) gives the same findings.
    findings = list({(f.fingerprint, f.line): f for f in result.findings}.values())
    errors = [*discovery.errors, *result.errors]
    if vuln_database is not None:
        errors = vulnerability_database_errors(vuln_database, errors)
    if settings.get("ignore"):  # [tool.hms-policy] ignore = [{rule, paths, reason, until}]: kind "config"
        from hms_policy.engine.suppress import apply_config_ignores

        findings = apply_config_ignores(findings, settings["ignore"], today)
    if settings.get("baseline"):  # known findings -> suppressed (kind baseline); stale entries -> errors
        from hms_policy.engine.baseline import Scope, apply_baseline, load_baseline

        scope = Scope(_scanned_prefixes(paths, root) if not (staged or diff_base) else (), frozenset(r.path for r in result.files), frozenset(a.rule.id for a in active))
        baseline_file = root / settings["baseline"]  # relative paths in settings: from the scan root
        findings, stale = apply_baseline(findings, load_baseline(baseline_file), scope, str(settings["baseline"]))
        errors.extend(stale)
    components: list[Component] = []
    if settings.get("sbom"):  # --format cyclonedx: the dependency inventory goes in the report
        components, inventory_errors = _inventory(discovery.files, selection.max_file_bytes)
        errors.extend(inventory_errors)
    if changes is not None:  # a pull request gates only on what it introduces
        from hms_policy.engine.gate import base_fingerprints, introduced

        findings = introduced(findings, changes, base_fingerprints(plan, changes, discovery.files, jobs))
    target = target_info(discovery, result.files, record, plan.roles)
    if vuln_database is not None:
        target = replace(target, vulnerability_database=vuln_database.summary)
    from hms_policy.report.controls import not_run_reasons

    left_out = left_out_rules(catalogue, settings, {a.rule.id for a in every_active}, {a.rule.id for a in active})
    return build_report(
        target=target,
        packs=catalogue.packs,
        active_rule_ids={a.rule.id for a in active},
        findings=findings,
        evaluated=result.evaluated,
        errors=errors,
        fail_on=fail_on,
        rules=(a.rule for a in active),
        not_run=not_run_reasons(errors, result.unresolved, left_out, result.evaluated),
        partial=partial_scan(paths, staged, changes.base if changes is not None else None),
        components=components,
    )


def left_out_rules(catalogue: Catalogue, settings: Mapping[str, Any], selected: set[str], running: set[str]) -> dict[str, str]:
    """Rule id -> why a rule the packs map is not part of this scan."""
    disabled = {d.upper() for d in settings.get("disable", ())}
    out: dict[str, str] = {}
    for rule_id in PackIndex(catalogue.packs).rule_ids():
        rule = catalogue.rules.get(rule_id)
        if rule_id in running or rule is None:
            continue
        if rule_id.upper() in disabled:
            out[rule_id] = "disabled in this scan (--disable or settings)"
        elif rule.status == "preview" and rule_id not in selected:
            from hms_policy.report.controls import PREVIEW

            out[rule_id] = PREVIEW
        elif rule_id in selected:
            out[rule_id] = "left out by --category"
    return out


def partial_scan(paths: Sequence[Path], staged: bool, diff_base: str | None) -> str:
    """Why a scan does not cover a tree ("" when it does): a hook's files, --staged, --diff."""
    if staged:
        return "the staged files"
    if diff_base:
        return f"the change since {diff_base[:12]}"
    files = sum(1 for p in paths if not p.is_dir())
    return f"{files} file{'s' if files != 1 else ''} named explicitly" if files else ""


def _inventory(files: Sequence[Candidate], max_file_bytes: int) -> tuple[list[Component], list[ScanError]]:
    """The components the scanned manifests and lock files name (deps/inventory.py)."""
    from hms_policy.deps.inventory import inventory
    from hms_policy.deps.manifests import manifest_kind

    texts: list[tuple[str, str]] = []
    for candidate in files:
        if candidate.context_only or manifest_kind(candidate.path) is None:
            continue
        source, error = read_source(candidate, max_file_bytes)
        if error is None and source.data is not None:
            texts.append((candidate.path, source.data.decode("utf-8", "replace")))
    return inventory(texts)


def _scan_cache(settings: Mapping[str, Any], active: Sequence[ActiveRule], catalogue: Catalogue, today: _dt.date) -> Any:
    """The per-unit result cache (settings `cache`, `cache_dir`), or None when turned off."""
    if settings.get("cache") is False:
        return None
    from hms_policy.engine.cache import default_cache_dir, open_cache

    directory = Path(settings["cache_dir"]) if settings.get("cache_dir") else default_cache_dir()
    return open_cache(directory, active=active, detectors=catalogue.detectors.specs, settings=settings, today=today)


def _yaml_snapshot(settings: Mapping[str, Any]) -> Any:
    """Parsed rule YAML from the result cache (a hook start skips parsing every rule file)."""
    if settings.get("cache") is False:
        return None
    from hms_policy.engine.cache import default_cache_dir, open_yaml_snapshot

    directory = Path(settings["cache_dir"]) if settings.get("cache_dir") else default_cache_dir()
    return open_yaml_snapshot(directory, _dt.date.today())


def check_rule_ids(given: Iterable[str], known: Iterable[str], setting: str) -> None:
    """An unknown rule id in `disable` is a usage error naming the close matches: a typo
    would otherwise leave the rule running with nobody noticing."""
    import difflib

    known_ids = sorted(set(known))
    upper = {k.upper(): k for k in known_ids}
    for rule_id in given:
        if rule_id.upper() in upper:
            continue
        close = difflib.get_close_matches(rule_id.upper(), list(upper), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(upper[c] for c in close)}?" if close else "; `hms-policy rules` lists them"
        raise UsageError(f"{setting}: unknown rule id {printable(rule_id)!r}{hint}")


def _own_paths(settings: Mapping[str, Any], root: Path, config_file: Path | None = None) -> list[str]:
    """Root-relative paths of the scanner's own files inside the scanned tree."""
    from hms_policy.config import PROJECT_FILES
    from hms_policy.engine.baseline import DEFAULT_BASELINE

    own = [root / settings["baseline"]] if settings.get("baseline") else []
    own.extend(root / name for name in PROJECT_FILES if (root / name).is_file())
    if config_file is not None:
        own.append(config_file)
    if (root / DEFAULT_BASELINE).is_file():  # scanned without --baseline: still not content
        own.append(root / DEFAULT_BASELINE)
    if settings.get("cache") is not False:
        from hms_policy.engine.cache import default_cache_dir

        own.append(Path(settings["cache_dir"]) if settings.get("cache_dir") else default_cache_dir())
    base = root.resolve()
    return sorted({p.resolve().relative_to(base).as_posix() for p in own if p.resolve().is_relative_to(base) and p.resolve() != base})


def _scanned_prefixes(paths: Sequence[Path], root: Path) -> tuple[str, ...]:
    """Scanned directories relative to the root ("" for the root itself)."""
    base = root.resolve()
    out = []
    for p in paths:
        directory = p.resolve()
        if p.is_dir() and not p.is_symlink() and directory.is_relative_to(base):
            rel = directory.relative_to(base).as_posix()
            out.append("" if rel == "." else rel)
    return tuple(out)


def selection_record(paths: Sequence[Path], root: Path, selection: Selection) -> dict[str, Any]:
    """What `verify --root` needs to repeat this discovery: scanned paths relative to the
    root, and the settings that chose the files."""
    base = root.resolve()
    rel = []
    for p in paths:
        absolute = Path(os.path.abspath(p))
        try:
            rel.append(printable(absolute.relative_to(base).as_posix() or "."))
        except ValueError:
            rel.append(printable(absolute.as_posix()))
    return {
        "mode": "paths",
        "paths": sorted(set(rel)),
        "exclude": list(selection.excludes),
        "use_gitignore": selection.use_gitignore,
        "max_file_bytes": selection.max_file_bytes,
    }


def _printable_or_none(text: str | None) -> str | None:
    return None if text is None else printable(text)


def target_info(discovery: Discovery, files: Iterable[Any], selection: dict[str, Any] | None = None, roles: RolePolicy | None = None) -> TargetInfo:
    records = list(files)
    scanned = [r for r in records if r.scanned]
    role_summary = None
    if roles is not None:
        counts = Counter(r.role for r in scanned)
        role_summary = {"files": dict(sorted(counts.items())), "not_judged": {k: v for k, v in roles.skipped().items() if counts.get(k)}}
    return TargetInfo(
        root=printable(discovery.root.as_posix()),
        name=printable(discovery.root.name),
        git_commit=git_commit(discovery.root),
        git_root=_printable_or_none(git_toplevel(discovery.root)),
        files_scanned=len(scanned),
        bytes_scanned=sum(r.size for r in scanned),
        digest=merkle_root((r.path, r.sha256) for r in records if r.sha256),
        selection=selection,
        roles=role_summary,
    )
