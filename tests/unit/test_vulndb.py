"""The managed OSV database: `hms-policy db update | status | import` against a local HTTP
server on 127.0.0.1 serving archives the tests build, and scans that pick the database up."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import socket
import sqlite3
import threading
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest

import hms_policy
from hms_policy.catalog.rules import schema_errors
from hms_policy.cli import main
from hms_policy.deps.osv_index import OsvIndex
from hms_policy.deps.sources import open_source
from hms_policy.deps.vulndb import index_path

OSV = Path(__file__).resolve().parents[1] / "data" / "osv"


def _zip(records: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in records.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ecosystem_zip(ecosystem: str) -> bytes:
    return _zip({p.name: p.read_bytes() for p in sorted((OSV / ecosystem).glob("*.json"))})


class _Server:
    """path -> (body, how): "ok", "short" (announces more than it sends, then closes)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.hits: list[str] = []
        routes, hits = self.routes, self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                hits.append(self.path)
                if self.path not in routes:
                    self.send_error(404)
                    return
                body, how = routes[self.path]
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if how == "ok" and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(body) * 2 if how == "short" else len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2] if how == "short" else body)
                self.wfile.flush()
                self.close_connection = True

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    srv.routes["/PyPI/all.zip"] = (_ecosystem_zip("PyPI"), "ok")
    srv.routes["/npm/all.zip"] = (_ecosystem_zip("npm"), "ok")
    yield srv
    srv.close()


def _update(db: Path, server: _Server, *ecosystems: str) -> int:
    argv = ["db", "update", "--db-dir", str(db), "--url", server.url]
    for ecosystem in ecosystems:
        argv += ["--ecosystem", ecosystem]
    return main(argv)


def _status(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["db", "status", "--db-dir", str(db), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["ecosystems"]


def _lookup(db: Path, ecosystem: str, name: str, version: str) -> list[str]:
    from hms_policy.deps.manifests import Dependency

    found = open_source(str(db)).lookup([Dependency(ecosystem=ecosystem, name=name, version=version, line=1)])
    return [a.id for a in found.get((ecosystem, name, version), [])]


# --- update -----------------------------------------------------------------------------------------


def test_update_downloads_verifies_and_indexes(tmp_path: Path, server: _Server, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db"
    assert _update(db, server, "pypi", "npm") == 0  # ecosystem names are matched without case
    out = capsys.readouterr()
    assert "PyPI: 7 advisories" in out.out and "npm: 6 advisories" in out.out
    assert out.err == ""  # no progress drawn when stderr is not a terminal
    assert server.hits == ["/PyPI/all.zip", "/npm/all.zip"]
    assert sorted(p.name for p in (db / "archives").iterdir()) == ["PyPI.zip", "npm.zip"]  # no .part left
    status = _status(db, capsys)
    assert status["PyPI"]["advisories"] == 7 and status["PyPI"]["sources"] == [f"{server.url}/PyPI/all.zip"]
    assert not status["PyPI"]["stale"] and status["PyPI"]["age_days"] < 1
    assert _lookup(db, "PyPI", "Requests", "2.19.0") == ["PYSEC-2018-28", "PYSEC-2023-74"]
    assert _lookup(db, "PyPI", "py", "1.11.0") == ["PYSEC-2022-42969"]  # last_affected
    assert _lookup(db, "PyPI", "arrayfire", "3.5.20170817") == []  # its only advisory is withdrawn
    assert _lookup(db, "npm", "nothing-here", "1.0.0") == []


def test_default_url_base_comes_from_the_environment(tmp_path: Path, server: _Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HMS_POLICY_OSV_URL", server.url + "/")
    monkeypatch.setenv("HMS_POLICY_DB_DIR", str(tmp_path / "envdb"))
    assert main(["db", "update", "-e", "PyPI"]) == 0
    assert index_path(tmp_path / "envdb").is_file()


def _snapshot(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(index_path(db)) as conn:
        return conn.execute("SELECT name, origin, updated_at, advisories, sha256 FROM archives ORDER BY name").fetchall()


def test_interrupted_download_never_replaces_a_good_database(tmp_path: Path, server: _Server, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db"
    assert _update(db, server, "PyPI") == 0
    before, archive = _snapshot(db), (db / "archives" / "PyPI.zip").read_bytes()
    server.routes["/PyPI/all.zip"] = (_zip({"PYSEC-1.json": b'{"id": "PYSEC-1"}'}) * 3, "short")
    capsys.readouterr()
    assert _update(db, server, "PyPI") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "PyPI" in err[0] and "unchanged" in err[0]
    assert _snapshot(db) == before and (db / "archives" / "PyPI.zip").read_bytes() == archive
    assert [p.name for p in (db / "archives").iterdir()] == ["PyPI.zip"]  # the partial file is gone
    assert _lookup(db, "PyPI", "requests", "2.19.0")


def test_wrong_length_and_missing_archive(tmp_path: Path, server: _Server, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db"
    assert _update(db, server, "Go") == 2  # 404: one line, nothing written
    assert "HTTP 404" in capsys.readouterr().err
    assert not (db / "archives" / "Go.zip").exists()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"<html>captive portal</html>", id="not-a-zip"),
        pytest.param(None, id="crc-mismatch"),
        pytest.param(_zip({"README.txt": b"hello"}), id="no-records"),
        pytest.param(_zip({"a.json": b"{not json", "b.json": b"[1, 2]"}), id="unparseable-records"),
    ],
)
def test_corrupt_archive_is_rejected(tmp_path: Path, server: _Server, capsys: pytest.CaptureFixture[str], body: bytes | None) -> None:
    db = tmp_path / "db"
    assert _update(db, server, "PyPI") == 0
    before = _snapshot(db)
    if body is None:  # flip bytes inside a member's compressed data: same length, bad CRC
        good = bytearray(_zip({"PYSEC-9.json": json.dumps({"id": "PYSEC-9", "summary": "x" * 400}).encode()}))
        good[60:64] = bytes(b ^ 0xFF for b in good[60:64])
        body = bytes(good)
    server.routes["/PyPI/all.zip"] = (body, "ok")
    capsys.readouterr()
    assert _update(db, server, "PyPI") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unchanged" in err[0]
    assert _snapshot(db) == before


def test_unknown_ecosystem_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "update", "--db-dir", str(tmp_path), "-e", "CPAN"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown ecosystem 'CPAN'" in err[0]


# --- import and status ------------------------------------------------------------------------------


def test_import_a_zip_a_directory_of_zips_and_a_directory_of_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "PyPI.zip").write_bytes(_ecosystem_zip("PyPI"))
    db = tmp_path / "db"
    assert main(["db", "import", "--db-dir", str(db), str(tmp_path / "PyPI.zip")]) == 0
    assert _status(db, capsys)["PyPI"]["advisories"] == 7

    zips = tmp_path / "mirror"
    (zips / "npm").mkdir(parents=True)
    (zips / "npm" / "all.zip").write_bytes(_ecosystem_zip("npm"))
    (zips / "Maven.zip").write_bytes(_ecosystem_zip("Maven"))
    assert main(["db", "import", "--db-dir", str(db), str(zips)]) == 0
    status = _status(db, capsys)
    assert (status["npm"]["advisories"], status["Maven"]["advisories"]) == (6, 4)

    other = tmp_path / "other-db"
    assert main(["db", "import", "--db-dir", str(other), str(OSV)]) == 0  # loose JSON records, every ecosystem
    status = _status(other, capsys)
    assert {k: status[k]["advisories"] for k in ("Maven", "PyPI", "npm")} == {"Maven": 4, "PyPI": 7, "npm": 6}
    assert status["PyPI"]["sources"] == [f"file:{OSV}"]
    # importing again replaces, never doubles
    assert main(["db", "import", "--db-dir", str(other), str(OSV)]) == 0
    assert _status(other, capsys)["PyPI"]["advisories"] == 7


def test_import_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 truncated")
    assert main(["db", "import", "--db-dir", str(tmp_path / "db"), str(tmp_path / "broken.zip")]) == 2
    assert main(["db", "import", "--db-dir", str(tmp_path / "db"), str(tmp_path / "missing.zip")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("hms-policy: error: ") for line in err)


def test_status_text_and_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "status", "--db-dir", str(tmp_path / "none")]) == 0
    assert "run `hms-policy db update`" in capsys.readouterr().out
    assert main(["db", "import", "--db-dir", str(tmp_path / "db"), str(OSV)]) == 0
    capsys.readouterr()
    assert main(["db", "status", "--db-dir", str(tmp_path / "db")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:4] == ["ecosystem", "advisories", "updated", "age"]
    assert any(line.split()[:2] == ["PyPI", "7"] and "0 days" in line and f"file:{OSV}" in line for line in lines)
    with sqlite3.connect(index_path(tmp_path / "db")) as conn:
        conn.execute("UPDATE archives SET updated_at = '2020-01-01T00:00:00Z'")
    assert main(["db", "status", "--db-dir", str(tmp_path / "db")]) == 0
    assert "(stale)" in capsys.readouterr().out
    assert main(["db", "status", "--db-dir", str(tmp_path / "db"), "--max-age-days", "100000"]) == 0
    assert "(stale)" not in capsys.readouterr().out


def test_damaged_index(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db"
    db.mkdir()
    index_path(db).write_bytes(b"this is not a database" * 100)
    assert main(["db", "status", "--db-dir", str(db)]) == 2
    assert "damaged" in capsys.readouterr().err
    monkeypatch.setenv("HMS_POLICY_DB_DIR", str(db))
    project = _project(tmp_path)
    report = hms_policy.scan(project, jobs=1, cache=False, read_project_settings=False)
    assert "damaged" in report.target.vulnerability_database["error"]
    assert any(e.reason == "unavailable" and "DEP002" in e.message for e in report.errors)
    assert not any(f.rule_id == "DEP002" for f in report.findings)


# --- scans ---------------------------------------------------------------------------------------


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "svc").mkdir(parents=True, exist_ok=True)
    (project / "requirements.txt").write_text("requests==2.19.0\nflask==2.3.1\n")
    (project / "svc" / "requirements.txt").write_text("requests==2.31.0\n")
    (project / "package.json").write_text('{"dependencies": {"lodash": "4.17.4"}}\n')
    return project


@pytest.fixture
def managed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "managed"
    assert main(["db", "import", "--db-dir", str(db), str(OSV)]) == 0
    monkeypatch.setenv("HMS_POLICY_DB_DIR", str(db))
    return db


def _dep_findings(report: hms_policy.Report) -> list[tuple[str, int]]:
    return sorted((f.path, f.line) for f in report.findings if f.rule_id == "DEP002")


def test_scan_uses_the_managed_database_without_any_flag(tmp_path: Path, managed: Path) -> None:
    report = hms_policy.scan(_project(tmp_path), jobs=1, cache=False, read_project_settings=False)
    assert _dep_findings(report) == [("package.json", 1), ("requirements.txt", 1), ("requirements.txt", 2)]
    data = report.to_dict()
    assert schema_errors(json.loads(json.dumps(data)), "report.v1") == []
    database = data["target"]["vulnerability_database"]
    assert database["kind"] == "managed" and database["location"] == str(index_path(managed))
    assert database["ecosystems"]["PyPI"]["advisories"] == 7 and database["max_age_days"] == 7
    assert not any(e.reason in ("unavailable", "stale-database") for e in report.errors)
    from hms_policy.report.load import report_from_dict

    again = report_from_dict(json.loads(json.dumps(data)))
    assert again.target.vulnerability_database == database


def test_vuln_db_flag_overrides_the_managed_database(tmp_path: Path, managed: Path) -> None:
    pypi_only = tmp_path / "pypi-only"
    (pypi_only / "PyPI").mkdir(parents=True)
    (pypi_only / "PyPI" / "x.json").write_bytes((OSV / "PyPI" / "PYSEC-2023-62.json").read_bytes())
    report = hms_policy.scan(_project(tmp_path), jobs=1, cache=False, vuln_db=pypi_only, read_project_settings=False)
    assert _dep_findings(report) == [("requirements.txt", 2)]
    assert report.target.vulnerability_database == {"kind": "path", "location": str(pypi_only)}


def test_stale_database_adds_one_warning(tmp_path: Path, managed: Path) -> None:
    with sqlite3.connect(index_path(managed)) as conn:
        conn.execute("UPDATE archives SET updated_at = '2020-01-01T00:00:00Z'")
    project = _project(tmp_path)
    report = hms_policy.scan(project, jobs=1, cache=False, read_project_settings=False)
    stale = [e for e in report.errors if e.reason == "stale-database"]
    assert len(stale) == 1 and "older than 7 days" in stale[0].message and "hms-policy db update" in stale[0].message
    assert report.target.vulnerability_database["ecosystems"]["PyPI"]["stale"] is True
    assert _dep_findings(report)  # still used: stale data is better than none, and said so
    (project / ".hms-policy.yaml").write_text("vuln_db_max_age_days: 100000\n")
    relaxed = hms_policy.scan(project, jobs=1, cache=False)
    assert not any(e.reason == "stale-database" for e in relaxed.errors)


def test_no_database_hint_is_given_once_per_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    report = hms_policy.scan(project, jobs=1, cache=False, read_project_settings=False)
    hints = [e for e in report.errors if "hms-policy db update" in e.message]
    assert len(hints) == 1 and hints[0].message.startswith("rule DEP002 not evaluated: no vulnerability database")
    assert "(3 dependency files)" in hints[0].message
    assert report.target.vulnerability_database["kind"] == "none"
    dep_controls = [c for c in report.controls if "DEP002" in c.rules and c.rules == ("DEP002",)]
    assert all(c.status == "not-evaluated" for c in dep_controls)
    assert main(["scan", "--no-cache", "-f", "text", str(project)]) in (0, 1)
    out = capsys.readouterr().out  # one entry under the files with problems (controls name their reason)
    assert sum("rule DEP002 not evaluated" in line for line in out.splitlines()) == 1


def test_offline_never_touches_the_network(tmp_path: Path, managed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    assert main(["scan", "--offline", "--vuln-db", "online", str(project)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--offline" in err[0]
    (project / ".hms-policy.yaml").write_text("vuln_db: online\noffline: true\n")
    with pytest.raises(hms_policy.errors.UsageError):
        hms_policy.scan(project, jobs=1, cache=False)
    (project / ".hms-policy.yaml").unlink()

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a scan opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert main(["scan", "--offline", "--no-cache", "-j", "1", "-f", "json", str(project)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert sum(f["rule_id"] == "DEP002" for f in data["findings"]) == 3
    report = hms_policy.scan(project, jobs=1, cache=False, read_project_settings=False)  # without --offline too
    assert len(_dep_findings(report)) == 3


def test_result_cache_sees_a_database_update(tmp_path: Path, managed: Path) -> None:
    project = _project(tmp_path)
    cache = tmp_path / "cache"
    first = hms_policy.scan(project, jobs=1, cache_dir=cache, read_project_settings=False)
    assert len(_dep_findings(first)) == 3
    assert main(["db", "import", "--db-dir", str(managed), str(_only(tmp_path, "PYSEC-2023-62"))]) == 0
    with sqlite3.connect(index_path(managed)) as conn:  # leave only the flask advisory
        conn.execute("DELETE FROM archives WHERE name != 'import:only'")
        conn.execute("DELETE FROM packages WHERE archive != 'import:only'")
        conn.execute("DELETE FROM coverage WHERE archive != 'import:only'")
    second = hms_policy.scan(project, jobs=1, cache_dir=cache, read_project_settings=False)
    assert _dep_findings(second) == [("requirements.txt", 2)]


def _only(tmp_path: Path, advisory: str) -> Path:
    folder = tmp_path / "only"
    folder.mkdir(exist_ok=True)
    (folder / f"{advisory}.json").write_bytes((OSV / "PyPI" / f"{advisory}.json").read_bytes())
    return folder


# --- operating-system ecosystems: looked up by release --------------------------------------------


def _distro_record(advisory: str, affected: list[tuple[str, str, str]]) -> bytes:
    return json.dumps(
        {
            "id": advisory,
            "affected": [
                {"package": {"ecosystem": eco, "name": name}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}]}
                for eco, name, fixed in affected
            ],
        }
    ).encode()


def test_release_ecosystems_are_looked_up_by_release(tmp_path: Path) -> None:
    (tmp_path / "Debian.zip").write_bytes(
        _zip(
            {
                "DSA-1.json": _distro_record("DSA-1", [("Debian:11", "openssl", "1.1.1n-0+deb11u4"), ("Debian:12", "openssl", "3.0.11-1~deb12u1")]),
                "DSA-2.json": _distro_record("DSA-2", [("Debian:11", "zlib", "1:1.2.11.dfsg-2+deb11u2")]),
            }
        )
    )
    (tmp_path / "Ubuntu.zip").write_bytes(_zip({"USN-1.json": _distro_record("USN-1", [("Ubuntu:22.04:LTS", "openssl", "3.0.2-0ubuntu1.10")])}))
    db = tmp_path / "db"
    assert main(["db", "import", "--db-dir", str(db), str(tmp_path / "Debian.zip")]) == 0
    assert main(["db", "import", "--db-dir", str(db), str(tmp_path / "Ubuntu.zip")]) == 0
    index = OsvIndex(index_path(db))
    try:
        [record] = index.records("Debian:12", "openssl")
        assert record["id"] == "DSA-1" and len(record["affected"]) == 2  # stored whole: the matcher picks the release
        assert index.records("Debian:12", "zlib") == []
        assert [r["id"] for r in index.records("Debian", "zlib")] == ["DSA-2"]  # the family: every release
        assert [r["id"] for r in index.records("Ubuntu:22.04", "openssl")] == ["USN-1"]  # ":LTS" dropped
        assert [r["id"] for r in index.records("Ubuntu:22.04:LTS", "openssl")] == ["USN-1"]
        assert index.covers("Debian:12") and index.covers("Alpine:v3.19") is False
    finally:
        index.close()


def test_a_credential_in_the_mirror_url_is_never_shown_or_stored(tmp_path: Path, server: _Server, capsys: pytest.CaptureFixture[str]) -> None:
    token = "s3cr3t-mirror-token-4f9a"
    db = tmp_path / "db"
    base = server.url.replace("http://", f"http://reader:{token}@")
    code = main(["db", "update", "--db-dir", str(db), "--url", base, "-e", "PyPI"])
    shown = capsys.readouterr()
    assert code in (0, 2) and token not in shown.out + shown.err
    if code == 0:
        assert token not in json.dumps(_status(db, capsys)) and token.encode() not in index_path(db).read_bytes()


def test_printable_url() -> None:
    from hms_policy.deps.osv_feeds import printable_url

    assert printable_url("https://u:p@mirror.example:8443/osv/?sig=abc#x") == "https://***@mirror.example:8443/osv/"
    assert printable_url("https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip") == "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"


def test_installed_os_packages_are_judged_from_the_managed_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The image rule (IMG007) asks by release ("Debian:12", "Alpine:v3.19"): the managed
    database answers as the records' directory does."""
    fixtures = Path(__file__).resolve().parents[1] / "rules" / "IMG007"
    records = Path(__file__).resolve().parents[1] / "data" / "osv-images"
    db = tmp_path / "db"
    assert main(["db", "import", "--db-dir", str(db), str(records)]) == 0
    monkeypatch.setenv("HMS_POLICY_DB_DIR", str(db))
    for name in ("bad", "bad-alpine", "good"):
        managed = hms_policy.scan(fixtures / name, jobs=1, cache=False, categories="vulnerable-dependency", read_project_settings=False)
        given = hms_policy.scan(fixtures / name, jobs=1, cache=False, categories="vulnerable-dependency", vuln_db=records, read_project_settings=False)
        assert [(f.rule_id, f.path, f.line, f.message) for f in managed.findings] == [(f.rule_id, f.path, f.line, f.message) for f in given.findings]
        assert managed.target.vulnerability_database["kind"] == "managed"
        assert (name == "good") == (not [f for f in managed.findings if f.rule_id == "IMG007"])


def test_an_image_scan_uses_the_managed_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from images.imagebuilder import docker_save, image_config, layer_tar

    from hms_policy.image_scan import scan_image

    status = b"Package: libssl3\nStatus: install ok installed\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n"
    layer = layer_tar([("file", "etc/os-release", b'ID=debian\nVERSION_ID="12"\n'), ("file", "var/lib/dpkg/status", status)])
    image = docker_save(tmp_path / "v.tar", image_config(user="app"), [layer])
    monkeypatch.setenv("HMS_POLICY_DB_DIR", str(tmp_path / "empty"))
    without = scan_image(image, {"cache": False})
    assert without.target.vulnerability_database["kind"] == "none"
    assert [e.message for e in without.errors if "hms-policy db update" in e.message][:1]
    db = tmp_path / "db"
    assert main(["db", "import", "--db-dir", str(db), str(Path(__file__).resolve().parents[1] / "data" / "osv-images")]) == 0
    monkeypatch.setenv("HMS_POLICY_DB_DIR", str(db))
    report = scan_image(image, {"cache": False})
    assert [f.extra["package"] for f in report.findings if f.rule_id == "IMG007"] == ["openssl"]
    assert report.target.vulnerability_database["kind"] == "managed"
    assert "Debian" in report.target.vulnerability_database["ecosystems"]


def test_ubuntu_lts_records_match_the_release_an_image_names(tmp_path: Path) -> None:
    """OSV spells Ubuntu releases "Ubuntu:22.04:LTS"; os-release gives "22.04". Both the
    managed database and a records directory (--vuln-db PATH) match them."""
    from hms_policy.deps.manifests import Dependency

    records = tmp_path / "records"
    records.mkdir()
    (records / "USN-1.json").write_bytes(_distro_record("USN-1", [("Ubuntu:22.04:LTS", "openssl", "3.0.2-0ubuntu1.10")]))
    db = tmp_path / "db"
    assert main(["db", "import", "--db-dir", str(db), str(records)]) == 0
    dep = Dependency(ecosystem="Ubuntu:22.04", name="openssl", version="3.0.2-0ubuntu1.9", line=1)
    fixed = Dependency(ecosystem="Ubuntu:22.04", name="openssl", version="3.0.2-0ubuntu1.10", line=1)
    other_release = Dependency(ecosystem="Ubuntu:20.04", name="openssl", version="1.1.1f-1ubuntu2", line=1)
    for source in (open_source(str(records)), open_source(str(db))):
        found = source.lookup([dep, fixed, other_release])
        assert [a.id for a in found[("Ubuntu:22.04", "openssl", "3.0.2-0ubuntu1.9")]] == ["USN-1"], source.description
        assert found[("Ubuntu:22.04", "openssl", "3.0.2-0ubuntu1.10")] == []
        assert found[("Ubuntu:20.04", "openssl", "1.1.1f-1ubuntu2")] == []


def test_progress_only_on_a_terminal_and_erased(tmp_path: Path, server: _Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import hms_policy.cli.db as db_cli

    monkeypatch.setattr(db_cli, "_tty", lambda: True)
    assert _update(tmp_path / "db", server, "PyPI") == 0
    err = capsys.readouterr().err
    assert "downloading PyPI: 0.0 MB of 0.0 MB" in err and err.endswith("\r\x1b[K")


def test_db_without_an_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("hms-policy: error:")


def test_a_secret_on_a_vulnerable_pins_line_reaches_no_output(tmp_path: Path, managed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The managed database makes DEP002 report by default: a token sharing the pin's line
    stays masked in every format and on the terminal."""
    from hms_policy.report.formats import FORMATS, render

    token = "ghp_" + "Q7mZ2xK9pL4vN8rT1wY6sB3dF5hJ0cA2eG7u"
    project = tmp_path / "svc"
    project.mkdir()
    (project / "requirements.txt").write_text(f"requests==2.19.0  # mirror token {token}\n")
    report = hms_policy.scan(project, jobs=1, cache=False, read_project_settings=False)
    assert any(f.rule_id == "DEP002" for f in report.findings)
    body = token[4:-4]
    for name in FORMATS:
        assert body not in render(report, name), name
    main(["scan", "--no-cache", "-f", "text", str(project)])
    out = capsys.readouterr()
    assert body not in out.out + out.err


def test_merged_shards_keep_the_database_they_share(tmp_path: Path, managed: Path) -> None:
    from hms_policy.report.merge import merge_reports

    project = _project(tmp_path)
    shards = [hms_policy.scan(project, jobs=1, cache=False, settings={"shard": f"{i}/2", "cache": False}) for i in (1, 2)]
    merged = merge_reports(shards)
    assert merged.target.vulnerability_database is not None
    assert merged.target.vulnerability_database["kind"] == "managed"
    assert sum(f.rule_id == "DEP002" for f in merged.findings) == 3


def test_an_unchanged_archive_is_not_downloaded_again(tmp_path: Path, server: _Server, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db"
    assert _update(db, server, "PyPI") == 0
    with sqlite3.connect(index_path(db)) as conn:
        conn.execute("UPDATE archives SET updated_at = '2020-01-01T00:00:00Z'")
    before = (db / "archives" / "PyPI.zip").stat().st_mtime_ns
    capsys.readouterr()
    assert _update(db, server, "PyPI") == 0  # the server answers 304 to the stored ETag
    assert "PyPI: up to date, 7 advisories" in capsys.readouterr().out
    assert (db / "archives" / "PyPI.zip").stat().st_mtime_ns == before
    assert _status(db, capsys)["PyPI"]["age_days"] < 1  # checked just now: not stale
    assert _lookup(db, "PyPI", "requests", "2.19.0")
    server.routes["/PyPI/all.zip"] = (_zip({p.name: p.read_bytes() for p in sorted((OSV / "PyPI").glob("PYSEC-2023-*.json"))}), "ok")
    assert _update(db, server, "PyPI") == 0  # changed: downloaded and replaced
    assert _status(db, capsys)["PyPI"]["advisories"] == 2


def test_no_database_hint_names_the_same_file_whatever_the_order() -> None:
    """With --jobs N, manifests' units finish in any order; the collapsed hint must not vary."""
    from hms_policy.deps.sources import NO_SOURCE
    from hms_policy.deps.vulndb import once_per_scan
    from hms_policy.model import ScanError

    message = f"rule DEP002 not evaluated: {NO_SOURCE}"
    errors = [ScanError(path, message, "unavailable") for path in ("b/Pipfile.lock", "a/requirements.txt", "Pipfile")]
    first = once_per_scan(errors, NO_SOURCE)
    assert [e.path for e in first] == ["Pipfile"]
    assert once_per_scan(list(reversed(errors)), NO_SOURCE) == first
