"""Settings: flags > HMS_POLICY_* environment > [tool.hms-policy] / .hms-policy.yaml > defaults.

| environment variable     | setting        | example            |
|--------------------------|----------------|--------------------|
| HMS_POLICY_POLICY        | policy         | hipaa,ndhm         |
| HMS_POLICY_FORMAT        | format         | sarif              |
| HMS_POLICY_FAIL_ON       | fail_on        | critical           |
| HMS_POLICY_JOBS          | jobs           | 4                  |
| HMS_POLICY_EXCLUDE       | exclude        | vendor/**,*.min.js |
| HMS_POLICY_MAX_FILE_BYTES| max_file_bytes | 20000000           |
| HMS_POLICY_BASELINE      | baseline       | .hms-policy-baseline.json |
| HMS_POLICY_VULN_DB       | vuln_db        | /srv/osv/PyPI.zip  |
| HMS_POLICY_CACHE_DIR     | cache_dir      | /tmp/hms-cache     |
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

from hms_policy.errors import ConfigError

PROJECT_FILES = (".hms-policy.yaml", ".hms-policy.yml")

_ENV: dict[str, tuple[str, type]] = {
    "HMS_POLICY_POLICY": ("policy", str),
    "HMS_POLICY_FORMAT": ("format", str),
    "HMS_POLICY_FAIL_ON": ("fail_on", str),
    "HMS_POLICY_JOBS": ("jobs", int),
    "HMS_POLICY_EXCLUDE": ("exclude", list),
    "HMS_POLICY_MAX_FILE_BYTES": ("max_file_bytes", int),
    "HMS_POLICY_BASELINE": ("baseline", str),
    "HMS_POLICY_VULN_DB": ("vuln_db", str),
    "HMS_POLICY_CACHE_DIR": ("cache_dir", str),
}


def load_project_settings(root: Path, config_file: Path | None = None) -> tuple[dict[str, Any], str | None]:
    """The scanned project's own settings and the file they came from. `config_file`
    (`--config FILE`) replaces the project's files: a `.toml` file's `[tool.hms-policy]`
    table, or a YAML mapping."""
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"--config: no such file: {config_file}")
        if config_file.suffix == ".toml":
            table, source = _pyproject_table(config_file)
            if table is None:
                raise ConfigError(f"{config_file}: no [tool.hms-policy] table")
            return table, source
        return _yaml_settings(config_file), str(config_file)
    for name in PROJECT_FILES:
        path = root / name
        if path.is_file():
            return _yaml_settings(path), str(path)
    table, source = _pyproject_table(root / "pyproject.toml")
    return (table, source) if table is not None else ({}, None)


def _yaml_settings(path: Path) -> dict[str, Any]:
    from hms_policy.catalog.rules import load_yaml_file

    try:
        data = load_yaml_file(path)
    except Exception as exc:
        raise ConfigError(str(exc)) from None
    data = data or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: settings must be a mapping")
    return data


def _pyproject_table(pyproject: Path) -> tuple[dict[str, Any] | None, str]:
    """A pyproject-style file's [tool.hms-policy] table (None when it has none)."""
    if pyproject.is_file():
        try:
            import tomllib
        except ImportError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]
        try:
            with open(pyproject, "rb") as handle:
                data = tomllib.load(handle)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{pyproject}: cannot read [tool.hms-policy]: {exc}") from None
        table = data.get("tool", {}).get("hms-policy")
        if table is not None:
            return dict(table), f"{pyproject} [tool.hms-policy]"
    return None, str(pyproject)


def environment_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    environ = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for variable, (key, kind) in _ENV.items():
        raw = environ.get(variable)
        if raw is None or raw == "":
            continue
        if kind is int:
            try:
                out[key] = int(raw)
            except ValueError:
                raise ConfigError(f"{variable}={raw!r} is not a whole number") from None
        elif kind is list:
            out[key] = [p.strip() for p in raw.split(",") if p.strip()]
        else:
            out[key] = raw
    return out


def merge_settings(
    root: Path,
    flags: Mapping[str, Any],
    environ: Mapping[str, str] | None = None,
    *,
    flags_checked: bool = False,
    config_file: Path | None = None,
) -> dict[str, Any]:
    """Flags (None means "not given") over environment over project file; validated.

    `flags_checked`: the flags were already checked (argparse types and choices), so when
    no project file or environment variable adds anything, jsonschema is not even imported
    (a pre-commit hook starts on every commit)."""
    project, source = load_project_settings(root, config_file)
    _validate(project, source or "settings")
    environment = environment_settings(environ)
    merged = {**project, **environment}
    merged.update({k: v for k, v in flags.items() if v is not None})
    if project or environment or not flags_checked:
        _validate(merged, "settings")
    return merged


def _validate(settings: Mapping[str, Any], source: str) -> None:
    if not settings:
        return
    from hms_policy.catalog.rules import schema_errors

    problems = schema_errors(dict(settings), "config.v1")
    if problems:
        raise ConfigError(f"{source}: " + "; ".join(problems[:3]))
