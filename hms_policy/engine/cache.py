"""A content-addressed cache of per-unit scan results, so re-scanning an unchanged tree
costs little more than reading and hashing it.

Key. sha256 over the *context* and the unit's files:
  context = cache format, tool version plus a digest of the installed hms_policy sources
            (an editable install changes code without changing its version), every active
            rule as it runs (match, bound parameters, severity, controls), the detector table,
            the settings that can change results, and today's date (inline `until` expiry and
            vulnerability data change with the date, so entries live for one calendar day and
            older days are pruned);
  files   = (path, sha256, kind, size) of each file of the unit (a Terraform directory is one
            unit). The path is part of the key because findings carry it.
Value. The unit's findings, errors and evaluation record: findings are already redacted and
carry no raw value; no source text is ever stored. What depends on the moment rather than on
content is not stored: the rules that could not run (a tool missing or unreachable, a
detector that crashed) are listed instead and run again on every hit; if one of them runs
then, the unit is analysed afresh.

Trust. Each entry is `HMAC-SHA256(key file, body)` + body; the key is 32 random bytes
created on first use (mode 0600, directories 0700). An entry that fails the MAC, does not
parse, names another key or holds an unknown type is deleted and the unit is scanned again:
a corrupted or foreign cache is discarded, never trusted. Values are rebuilt only from an
allow-list of plain types and the model's dataclasses, never unpickled.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import hashlib
import hmac
import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from hms_policy import __version__
from hms_policy.engine.results import UnitResult
from hms_policy.model import Category, FileRole, Finding, ScanError, Severity, Suppression

CACHE_FORMAT = "3"
_KEY_FILE = "key"
# Errors that say more about this run than about the file: their units are not cached.
TRANSIENT_REASONS = frozenset({"detector", "unavailable"})
# Settings that change how a report is rendered or gated, not what a unit finds.
_PRESENTATION_SETTINGS = frozenset({"format", "output", "fail_on", "jobs", "baseline", "cache", "cache_dir"})


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hms-policy"


def _read_signed(path: Path, secret: bytes, key: str) -> Any:
    """The payload of a signed entry, or None (and the entry deleted) when it does not verify."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        mac, body = blob.split(b"\n", 1)
        if not hmac.compare_digest(mac, hmac.new(secret, body, hashlib.sha256).hexdigest().encode()):
            raise ValueError("bad MAC")
        data = json.loads(body)
        if data.get("format") != CACHE_FORMAT or data.get("key") != key:
            raise ValueError("entry for another key")
        return data["payload"]
    except Exception:  # noqa: BLE001 - corrupted, truncated, foreign or from an incompatible build
        _remove(path)
        return None


def _write_signed(path: Path, secret: bytes, key: str, payload: Any) -> None:
    body = json.dumps({"format": CACHE_FORMAT, "key": key, "payload": payload}, sort_keys=True, separators=(",", ":")).encode()
    mac = hmac.new(secret, body, hashlib.sha256).hexdigest().encode()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(mac + b"\n" + body)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only or full cache directory only costs speed


@dataclass(frozen=True, slots=True)
class UnitCache:
    directory: Path  # this day's entries
    secret: bytes
    context: str

    def key(self, files: Iterable[Any]) -> str:
        """The entry key for a unit whose files have these records (path, sha256, kind, size)."""
        listed = sorted((f.path, f.sha256, f.kind, f.size) for f in files)
        digest = hashlib.sha256(self.context.encode())
        digest.update(json.dumps(listed, separators=(",", ":")).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / key[2:]

    def load(self, key: str) -> tuple[UnitResult, frozenset[str]] | None:
        """The stored analysis and the rule ids that could not run then (to try again)."""
        payload = _read_signed(self._path(key), self.secret, key)
        if payload is None:
            return None
        external = payload.pop("$external", [])
        if any(external_digest(name) != digest for name, digest in external):
            return None  # a file outside the unit that the analysis read has changed
        try:
            retry = frozenset(str(r) for r in payload.pop("$retry"))
            return _unit_result(payload), retry
        except Exception:  # noqa: BLE001 - a value this build cannot rebuild: scan the unit again
            _remove(self._path(key))
            return None

    def store(self, key: str, result: UnitResult, failed: Iterable[str] = (), external: Iterable[tuple[str, str]] = ()) -> None:
        """Store an analysis; `failed` rules are left out (their errors too) and retried.
        `external` lists what outside the unit the analysis read, re-checked on every load."""
        retry = set(failed)
        kept = dataclasses.replace(
            result,
            findings=[f for f in result.findings if f.rule_id not in retry],  # a partial run is redone whole
            errors=[e for e in result.errors if e.reason not in TRANSIENT_REASONS],
            evaluated=set(result.evaluated) - retry,
            unresolved={k: v for k, v in result.unresolved.items() if k not in retry},
        )
        try:
            payload = {f.name: _encode(getattr(kept, f.name)) for f in dataclasses.fields(kept) if f.name != "files"}
        except TypeError:
            return  # a value the cache cannot rebuild exactly: scan it again next time
        payload["$retry"] = sorted(retry)
        payload["$external"] = sorted(set(external))
        _write_signed(self._path(key), self.secret, key, payload)


def external_digest(name: str) -> str:
    """The current digest of an input recorded by an analysis (see Document.external_inputs)."""
    kind, _, where = name.partition(":")
    try:
        if kind == "file":
            return hashlib.sha256(Path(where).read_bytes()).hexdigest()
        if kind == "tf-dir":
            from hms_policy.targets.terraform.modules import tf_listing_digest

            names = [e.name for e in os.scandir(where) if e.name.endswith(".tf") and e.is_file()]
            return tf_listing_digest(names)
    except OSError:
        return "missing"
    return "unknown"  # an input kind this build does not know: never equal, so never reused


@dataclass(frozen=True, slots=True)
class YamlSnapshot:
    """Parsed YAML of the rule and pack files, by the files' contents: a hook start then reads one
    JSON entry instead of parsing every rule file (the largest cost of loading the
    catalogue). Misses parse with `parse` and store; values that JSON cannot carry exactly
    (dates, non-string keys) are never stored."""

    directory: Path
    secret: bytes

    def load_all(self, paths: Sequence[Path], parse: Callable[[Path], Any]) -> dict[Path, Any]:
        contents = []
        for path in paths:
            try:
                contents.append((path, path.read_bytes()))
            except OSError:
                return {}  # let the normal loader report it
        digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0yaml-as-json".encode())  # entries are plain JSON
        for path, data in contents:
            digest.update(f"{path}\0{hashlib.sha256(data).hexdigest()}\n".encode("utf-8", "surrogateescape"))
        key = digest.hexdigest()
        entry = self.directory / "yaml" / key
        payload = _read_signed(entry, self.secret, key)
        if isinstance(payload, list) and len(payload) == len(paths):
            return dict(zip(paths, payload))  # plain JSON: no decoding pass
        parsed = [parse(path) for path in paths]
        if all(_plain_json(value) for value in parsed):
            _write_signed(entry, self.secret, key, parsed)
        return dict(zip(paths, parsed))


def _plain_json(value: Any) -> bool:
    """JSON carries `value` exactly: strings, numbers, booleans, null, lists and string-keyed
    objects (not a YAML date or a mapping with integer keys)."""
    if value is None or type(value) in (str, int, float, bool):
        return True
    if type(value) is list:
        return all(_plain_json(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _plain_json(v) for k, v in value.items())
    return False


def open_yaml_snapshot(directory: Path, today: _dt.date) -> YamlSnapshot | None:
    opened = _open_day(directory, today)
    return YamlSnapshot(*opened) if opened is not None else None


def open_cache(
    directory: Path,
    *,
    active: Sequence[Any],
    detectors: Mapping[str, Any],
    settings: Mapping[str, Any],
    today: _dt.date,
) -> UnitCache | None:
    """The cache under `directory` for this rule set, or None when it cannot be used."""
    opened = _open_day(directory, today)
    if opened is None:
        return None
    return UnitCache(*opened, _context(active, detectors, settings, today))


def _open_day(directory: Path, today: _dt.date) -> tuple[Path, bytes] | None:
    """Today's entry directory and the MAC key; older days are pruned."""
    root = Path(directory).expanduser() / f"v{CACHE_FORMAT}"
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        secret = _secret(root / _KEY_FILE)
        day = root / today.isoformat()
        day.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    _prune(root, keep=day.name)
    return day, secret


def _secret(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        secret = path.read_bytes()
        if len(secret) != 32:
            raise OSError("cache key file is damaged") from None
        return secret
    secret = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as out:
        out.write(secret)
    return secret


def _prune(root: Path, keep: str) -> None:
    try:
        days = [p for p in root.iterdir() if p.is_dir() and p.name != keep]
    except OSError:
        return
    for old in days:
        shutil.rmtree(old, ignore_errors=True)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# ---- the context digest ----------------------------------------------------------------


def _context(active: Sequence[Any], detectors: Mapping[str, Any], settings: Mapping[str, Any], today: _dt.date) -> str:
    relevant = {k: v for k, v in settings.items() if k not in _PRESENTATION_SETTINGS}
    vuln_db = relevant.get("vuln_db")
    if isinstance(vuln_db, str):  # a local vulnerability database: its contents count
        try:
            st = os.stat(vuln_db)
            relevant["vuln_db_stat"] = [st.st_size, st.st_mtime_ns]
        except OSError:
            pass
    body = {
        "format": CACHE_FORMAT,
        "tool": tool_fingerprint(),
        "today": today.isoformat(),
        "rules": list(active),
        "detectors": sorted((k, v if isinstance(v, str) else f"{v.__module__}.{v.__qualname__}") for k, v in detectors.items()),
        "settings": relevant,
    }
    # json's C encoder walks the plain parts; _canonical only sees dataclasses, sets, enums.
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), default=_canonical).encode()).hexdigest()


def tool_fingerprint() -> str:
    """The version plus (size, mtime) of every module of the installed package."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for directory, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(directory, name))
                digest.update(f"{os.path.relpath(os.path.join(directory, name), package)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def _canonical(value: Any) -> Any:
    """`json.dumps(default=...)` for what JSON lacks: an order-stable, JSON-able view of rules
    and settings, for hashing only."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name not in ("source", "detectors")}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=lambda v: json.dumps(v, sort_keys=True, default=_canonical))
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, tuple):
        return list(value)
    return str(value)


# ---- the value codec: exact round trips of an allow-list of types -----------------------

_DATACLASSES: dict[str, type] = {"Finding": Finding, "ScanError": ScanError, "Suppression": Suppression}
_ENUMS: dict[str, type[enum.Enum]] = {"Category": Category, "Severity": Severity, "FileRole": FileRole}


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):  # first: Category is a str, Severity an int
        name = type(value).__name__
        if _ENUMS.get(name) is not type(value):
            raise TypeError(name)
        return {"$e": name, "v": value.value}
    if value is None or isinstance(value, (bool, str, int, float)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _DATACLASSES.get(name) is not type(value):
            raise TypeError(name)
        plain: dict[str, Any] = {}
        typed: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item is None or type(item) in (str, int, float, bool):
                plain[f.name] = item
            else:
                typed[f.name] = _encode(item)
        return {"$t": name, "f": plain, "x": typed}  # only "x" needs decoding (fast warm loads)
    if isinstance(value, tuple):
        return {"$tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [_encode(v) for v in value]
        return {"$set": sorted(items, key=lambda v: json.dumps(v, sort_keys=True)), "frozen": isinstance(value, frozenset)}
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("mapping with non-string keys")
        return {"$map": {k: _encode(v) for k, v in value.items()}}
    raise TypeError(type(value).__name__)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$t" in value:
        cls = _DATACLASSES[value["$t"]]
        return cls(**value["f"], **{k: _decode(v) for k, v in value["x"].items()})
    if "$e" in value:
        return _ENUMS[value["$e"]](value["v"])
    if "$tuple" in value:
        return tuple(_decode(v) for v in value["$tuple"])
    if "$set" in value:
        items = [_decode(v) for v in value["$set"]]
        return frozenset(items) if value.get("frozen") else set(items)
    if "$map" in value:
        return {k: _decode(v) for k, v in value["$map"].items()}
    raise ValueError("unknown cache value")


def _unit_result(payload: Mapping[str, Any]) -> UnitResult:
    known = {f.name for f in dataclasses.fields(UnitResult)} - {"files"}
    if set(payload) != known:
        raise ValueError("entry written by a different build")
    return UnitResult(**{k: _decode(v) for k, v in payload.items()})
