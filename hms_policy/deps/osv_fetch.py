"""Filling the managed OSV database: download OSV's per-ecosystem archives, or import them.

    download  GET <base>/<Ecosystem>/all.zip into a temporary file in the database directory;
              check the length against Content-Length, the zip's CRCs (testzip) and that it
              parses as OSV records; only then move it into place (os.replace) and commit its
              rows in the index. A failed or cut-short download leaves the old data untouched.
    import    the same checks on a local zip, a directory of <Ecosystem>.zip / <Ecosystem>/all.zip,
              or a directory of OSV JSON records, for networks without internet access.

Nothing here runs during a scan: scans only read the index (`vulndb.py`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping

from hms_policy.deps.osv import MAX_RECORD_BYTES
from hms_policy.deps.osv_feeds import archive_url, canonical_ecosystem, printable_url
from hms_policy.deps.osv_index import OsvIndexError, Written, confirm_archive, open_for_writing, read_validators, write_archive

CHUNK = 1024 * 1024
TIMEOUT_SECONDS = 60

Progress = Callable[[str, int, "int | None"], None]  # (ecosystem, bytes so far, total or None)


class FetchError(Exception):
    """One archive could not be downloaded or imported; the database is unchanged."""


@dataclass(frozen=True, slots=True)
class Stored:
    """What one archive added to the database."""

    name: str
    origin: str
    advisories: int
    skipped: int
    bytes: int
    unchanged: bool = False  # the source answered "not modified": nothing was downloaded


# --- download ---------------------------------------------------------------------------------


def update(db_dir: Path, index_file: Path, ecosystem: str, base_url: str, progress: Progress | None = None) -> Stored:
    """Download `ecosystem`'s archive and index it; raises FetchError and changes nothing."""
    url = archive_url(base_url, ecosystem)
    archives = db_dir / "archives"
    archives.mkdir(parents=True, exist_ok=True)
    final = archives / f"{ecosystem}.zip"
    known = _known_validators(index_file, ecosystem) if final.is_file() else {}
    temp, validators = _download(url, archives, ecosystem, progress, known)
    if temp is None:  # 304: what we hold is current
        return _confirm(index_file, ecosystem, printable_url(url), final)
    try:
        return _store(index_file, temp, ecosystem, printable_url(url), final=final, validators=validators)
    finally:
        temp.unlink(missing_ok=True)


def _known_validators(index_file: Path, name: str) -> dict[str, str]:
    if not index_file.is_file():
        return {}
    try:
        conn = open_for_writing(index_file)
    except OsvIndexError:
        return {}
    try:
        return read_validators(conn, name)
    finally:
        conn.close()


def _confirm(index_file: Path, name: str, origin: str, final: Path) -> Stored:
    try:
        conn = open_for_writing(index_file)
    except OsvIndexError as exc:
        raise FetchError(str(exc)) from None
    try:
        advisories = confirm_archive(conn, name)
    finally:
        conn.close()
    if advisories is None:
        raise FetchError(f"{name}: the source answered 'not modified' for an archive the index does not hold; run the update again")
    return Stored(name, origin, advisories, 0, final.stat().st_size, unchanged=True)


def _download(url: str, directory: Path, ecosystem: str, progress: Progress | None, known: Mapping[str, str]) -> tuple[Path | None, dict[str, str]]:
    """(the downloaded file, its ETag / Last-Modified), or (None, {}) when the source says the
    archive we hold (`known` validators) has not changed."""
    import http.client
    import urllib.error
    import urllib.request

    shown = printable_url(url)
    if not url.startswith(("https://", "http://")):
        raise FetchError(f"{ecosystem}: the OSV URL must be http(s): {shown}")
    handle, name = tempfile.mkstemp(prefix=f".{ecosystem}.", suffix=".part", dir=directory)
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            try:
                headers = {"If-None-Match": known["etag"]} if known.get("etag") else {}
                if known.get("last-modified"):
                    headers["If-Modified-Since"] = known["last-modified"]
                request = urllib.request.Request(url, headers=headers)
                with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) only, checked above
                    if getattr(response, "status", 200) != 200:
                        raise FetchError(f"{ecosystem}: {shown} answered HTTP {response.status}")
                    expected = _content_length(response.headers.get("Content-Length"))
                    validators = {k: v for k in ("etag", "last-modified") if (v := response.headers.get(k))}
                    received = 0
                    while chunk := response.read(CHUNK):
                        out.write(chunk)
                        received += len(chunk)
                        if progress is not None:
                            progress(ecosystem, received, expected)
            except urllib.error.HTTPError as exc:
                if exc.code == 304 and known:
                    temp.unlink(missing_ok=True)
                    return None, {}
                raise FetchError(f"{ecosystem}: {shown} answered HTTP {exc.code}") from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                reason = getattr(exc, "reason", None) or type(exc).__name__
                raise FetchError(f"{ecosystem}: download from {shown} failed ({_reason(reason)}); the database is unchanged") from None
        if expected is not None and received != expected:
            raise FetchError(f"{ecosystem}: download cut short ({received} of {expected} bytes); the database is unchanged")
        return temp, validators
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _reason(reason: object) -> str:
    """The error's reason without a URL it may quote."""
    text = str(reason).splitlines()[0] if str(reason) else "error"
    return text if "://" not in text else "connection failed"


def _content_length(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- checking and indexing ----------------------------------------------------------------------


def _store(index_file: Path, archive: Path, name: str, origin: str, *, final: Path | None, validators: Mapping[str, str] | None = None) -> Stored:
    """Check `archive`, write its records under `name`, then move it to `final` (when given)
    and commit, so the index and the kept archive change together or not at all."""
    size, digest = _verify_zip(archive, name)
    move = (lambda: os.replace(archive, final)) if final is not None else None
    return _write(index_file, name, _zip_records(archive, name), origin, size, digest, before_commit=move, validators=validators)


def _write(
    index_file: Path,
    name: str,
    records: Iterator[bytes],
    origin: str,
    size: int,
    digest: str,
    *,
    before_commit: Callable[[], None] | None = None,
    validators: Mapping[str, str] | None = None,
) -> Stored:
    """Write one archive's records, run `before_commit` (the archive's move into place), then
    commit; any failure rolls the index back."""
    try:
        conn = open_for_writing(index_file)
    except OsvIndexError as exc:
        raise FetchError(str(exc)) from None
    try:
        written = write_archive(conn, name, records, origin=origin, size=size, sha256=digest, commit=False, validators=validators)
        _require_records(written, name)
        if before_commit is not None:
            before_commit()
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()
    return Stored(name, origin, written.advisories, written.skipped, size)


def _require_records(written: Written, name: str) -> None:
    if written.advisories == 0:
        raise FetchError(f"{name}: the archive holds no OSV records ({written.skipped} unreadable entries); the database is unchanged")


def _verify_zip(path: Path, name: str) -> tuple[int, str]:
    """(size, sha256) of a zip whose every member's CRC checks out."""
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise FetchError(f"{name}: not a readable zip archive ({exc}); the database is unchanged") from None
    if bad is not None:
        raise FetchError(f"{name}: the archive is corrupt (member {bad!r} fails its check); the database is unchanged")
    return size, "sha256:" + sha.hexdigest()


def _zip_records(path: Path, name: str) -> Iterator[bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir() or not info.filename.endswith(".json"):
                    continue
                if info.file_size > MAX_RECORD_BYTES:
                    yield b""  # counted as skipped, not loaded
                    continue
                yield archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FetchError(f"{name}: cannot read the archive ({exc}); the database is unchanged") from None


# --- import -------------------------------------------------------------------------------------


def import_path(db_dir: Path, index_file: Path, source: Path) -> list[Stored]:
    """Import a zip, a directory of per-ecosystem zips, or a directory of OSV JSON records."""
    if source.is_file():
        return [_store(index_file, source, _zip_name(source), _origin(source), final=None)]
    if not source.is_dir():
        raise FetchError(f"no such file or directory: {source}")
    zips = sorted(_ecosystem_zips(source).items())
    if zips:
        return [_store(index_file, path, name, _origin(path), final=None) for name, path in zips]
    return [_store_json_dir(index_file, source)]


def _zip_name(path: Path) -> str:
    """"PyPI.zip" or "PyPI/all.zip" -> "PyPI"; any other zip -> "import:<file name>"."""
    stem = path.parent.name if path.name == "all.zip" else path.stem
    return canonical_ecosystem(stem) or f"import:{path.name if path.name != 'all.zip' else stem + '/all.zip'}"


def _ecosystem_zips(directory: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for child in directory.iterdir():
        if child.is_file() and child.suffix == ".zip":
            found[_zip_name(child)] = child
        elif child.is_dir() and (child / "all.zip").is_file():
            found[_zip_name(child / "all.zip")] = child / "all.zip"
    return found


def _store_json_dir(index_file: Path, directory: Path) -> Stored:
    return _write(index_file, f"import:{directory.name or 'osv'}", _json_files(directory), _origin(directory), 0, "")


def _json_files(directory: Path) -> Iterator[bytes]:
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames.sort()
        for filename in sorted(filenames):
            if not filename.endswith(".json"):
                continue
            path = Path(dirpath) / filename
            try:
                yield path.read_bytes() if path.stat().st_size <= MAX_RECORD_BYTES else b""
            except OSError:
                yield b""  # unreadable: counted as skipped


def _origin(path: Path) -> str:
    return "file:" + str(path.resolve())
