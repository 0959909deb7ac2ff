"""Container images end to end: built in-process with tarfile (no Docker)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from images.imagebuilder import docker_save, image_config, layer_tar, multi_arch_layout, oci_layout, tar_directory
from hms_policy.cli import main
from hms_policy.image_scan import scan_image
from hms_policy.targets.images.history import LayerHistory
from hms_policy.targets.images.layout import ImageError, is_image_input, open_image

AWS_KEY = "AKIA" + "Z7Q3XK2M9PLW4RT8"
DB_PASSWORD = "Hospit4l" + "-Pr0d-2024!x"
ENV_PASSWORD = "Sup3r" + "S3cret-Env-9"
OS_RELEASE = b'ID=debian\nVERSION_ID="12"\n'
SETTINGS = {"cache": False}


def _app_layers(compress: str = "none") -> list[bytes]:
    base = layer_tar([("dir", "etc"), ("file", "etc/os-release", OS_RELEASE), ("file", "usr/lib/python3/dist-packages/x.py", b"import random\npassword = 'hunter2hunter2'\n")])
    app = layer_tar([("file", "app/.env", f"AWS_ACCESS_KEY_ID={AWS_KEY}\nDB_PASSWORD={DB_PASSWORD}\n".encode()), ("file", "app/main.py", b"print('ok')\n")], compress)
    cleanup = layer_tar([("whiteout", "app/.env")], compress)
    return [base, app, cleanup]


def _config(**kw: object) -> dict:
    return image_config(env=["PATH=/usr/bin", f"DB_PASSWORD={ENV_PASSWORD}"], layers=3, **kw)  # type: ignore[arg-type]


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    return docker_save(tmp_path / "image.tar", _config(), _app_layers())


def test_a_secret_deleted_in_a_later_layer_is_still_reported_with_its_layer(saved: Path) -> None:
    report = scan_image(saved, SETTINGS)
    env = [f for f in report.findings if f.extra.get("image_path") == "/app/.env"]
    assert {f.rule_id for f in env} >= {"SEC001"}
    for finding in env:
        assert finding.path.startswith("hms-api:1.0@sha256:") and finding.path.endswith("!layer/1:/app/.env")
        assert finding.extra["layer"] == 1 and finding.extra["deleted_in_layer"] == 2
        assert finding.extra["in_final_image"] is False
        assert "deleted in layer 2" in finding.message
    assert report.target.image is not None and report.target.digest == report.target.image["digest"]


def test_package_managed_paths_are_not_judged_but_counted(saved: Path) -> None:
    report = scan_image(saved, SETTINGS)
    assert not [f for f in report.findings if "dist-packages" in f.path]
    assert report.target.roles is not None and report.target.roles["files"].get("vendored") == 1


def test_config_rules_run_on_the_image_config(saved: Path) -> None:
    report = scan_image(saved, SETTINGS)
    config = {f.rule_id: f for f in report.findings if f.path.endswith("!config")}
    assert {"IMG001", "IMG002", "IMG004", "IMG005"} <= set(config)
    assert config["IMG002"].extra["image_digest"] == report.target.digest


def test_no_planted_value_reaches_any_format(saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("json", "sarif", "text", "markdown", "html", "junit"):
        out = tmp_path / f"report.{fmt}"
        assert main(["scan", str(saved), "--no-cache", "-f", fmt, "-o", str(out)]) == 1
        text = out.read_text()
        for value in (AWS_KEY[4:], DB_PASSWORD, ENV_PASSWORD):
            assert value not in text, fmt
    captured = capsys.readouterr()
    assert ENV_PASSWORD not in captured.out + captured.err


def test_json_report_validates_and_sarif_uses_logical_locations(saved: Path, tmp_path: Path) -> None:
    import jsonschema

    from hms_policy.catalog.rules import schema as read_schema

    out = tmp_path / "r.json"
    assert main(["scan", str(saved), "--no-cache", "-f", "json", "-o", str(out)]) == 1
    data = json.loads(out.read_text())
    jsonschema.validate(data, read_schema("report.v1"))
    assert data["target"]["selection"]["mode"] == "image"
    sarif = tmp_path / "r.sarif"
    main(["scan", str(saved), "--no-cache", "-f", "sarif", "-o", str(sarif)])
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    assert results and all("physicalLocation" not in loc for r in results for loc in r["locations"])


def test_signed_statement_names_the_image_digest(saved: Path) -> None:
    from hms_policy.attest.statement import subjects

    report = scan_image(saved, SETTINGS).to_dict()
    assert subjects(report)[0] == {"name": "hms-api:1.0", "digest": {"sha256": report["target"]["image"]["digest"].removeprefix("sha256:")}}


@pytest.mark.parametrize("compress", ["gzip", "zstd"])
def test_compressed_layers(tmp_path: Path, compress: str) -> None:
    if compress == "zstd":
        pytest.importorskip("zstandard")
    image = docker_save(tmp_path / "z.tar", _config(), _app_layers(compress))
    report = scan_image(image, SETTINGS)
    assert any(f.rule_id == "SEC001" for f in report.findings)
    assert not report.errors


def test_oci_layout_directory_and_archive(tmp_path: Path) -> None:
    layout = oci_layout(tmp_path / "layout", _config(), _app_layers("gzip"))
    assert is_image_input(layout)
    from_dir = scan_image(layout, SETTINGS)
    archive = tar_directory(layout, tmp_path / "image.oci.tar")
    from_tar = scan_image(archive, SETTINGS)
    assert from_dir.target.digest == from_tar.target.digest
    assert [f.fingerprint for f in from_dir.findings] == [f.fingerprint for f in from_tar.findings]
    assert all(layer["digest"].startswith("sha256:") for layer in from_dir.target.image["layers"])  # type: ignore[index]


def test_multi_arch_index_picks_the_platform(tmp_path: Path) -> None:
    amd = layer_tar([("file", "app/amd.env", f"AWS_ACCESS_KEY_ID={AWS_KEY}\n".encode())])
    arm = layer_tar([("file", "app/arm.txt", b"nothing here\n")])
    layout = multi_arch_layout(tmp_path / "multi", {"linux/amd64": (image_config(user="app"), [amd]), "linux/arm64": (image_config(user="app"), [arm])})
    assert any("amd.env" in f.path for f in scan_image(layout, SETTINGS).findings)
    arm_report = scan_image(layout, SETTINGS, platform="linux/arm64")
    assert arm_report.target.image["platform"] == "linux/arm64"  # type: ignore[index]
    assert not any("amd.env" in f.path for f in arm_report.findings)
    with pytest.raises(ImageError, match="offers linux/amd64, linux/arm64"):
        open_image(layout, "linux/s390x")


def _raw(name: str, kind: bytes = tarfile.REGTYPE, size: int = 0, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname = kind, size, link
    return info


def test_malicious_layers_are_refused_with_errors_and_never_read_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.env"
    outside.write_text(f"AWS_ACCESS_KEY_ID={AWS_KEY}\n")
    evil = layer_tar([
        ("raw", _raw("../../outside.env", size=5), b"hello"),
        ("raw", _raw("app/../../../etc/passwd", size=5), b"hello"),
        ("raw", _raw("/abs/config.txt", size=3), b"abc"),
        ("device", "dev/sda"),
        ("symlink", "app/escape", "../../../../" + str(outside)),
        ("raw", _raw("app/hard", tarfile.LNKTYPE, link="../../outside.env"), None),
    ])
    image = docker_save(tmp_path / "evil.tar", image_config(user="app"), [evil])
    report = scan_image(image, SETTINGS)
    messages = " | ".join(e.message for e in report.errors)
    assert "path traversal" in messages and "device" in messages and "outside the image" in messages and "hard link refused" in messages
    assert not [f for f in report.findings if f.rule_id.startswith("SEC")]


def test_a_huge_size_header_with_no_data_is_a_damaged_layer_not_a_crash(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        info = _raw("app/huge.log", size=10 * 1024**3)
        buffer.write(info.tobuf(format=tarfile.GNU_FORMAT))
        buffer.write(b"x" * 1024)
    image = docker_save(tmp_path / "huge.tar", image_config(user="app"), [buffer.getvalue()])
    report = scan_image(image, SETTINGS)
    assert any("damaged or truncated" in e.message or "larger than max_file_bytes" in e.message for e in report.errors)


def test_not_an_image_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.tar"
    with tarfile.open(plain, "w") as tar:
        data = b"just a file\n"
        info = tarfile.TarInfo("readme.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert not is_image_input(plain)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "oci-layout").write_text("{}")
    (broken / "index.json").write_text("not json")
    assert main(["scan", str(broken), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "index.json is not valid JSON" in err and "Traceback" not in err


def test_image_flag_without_an_engine_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert main(["scan", "--image", "hms-api:1.0", "--no-cache"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "neither docker nor podman" in err[0]


def test_layer_history_fates() -> None:
    history = LayerHistory()
    history.wrote("app/a", 0)
    history.wrote("app/b", 0)
    history.wrote("app/b", 2)
    history.whiteout("app/a", 1)
    history.wrote("data/x", 0)
    history.opaque("data", 3)
    history.wrote("data/y", 3)
    assert history.fate("app/a", 0) == ("deleted", 1)
    assert history.fate("app/b", 0) == ("overwritten", 2)
    assert history.fate("app/b", 2) == ("final", None)
    assert history.fate("data/x", 0) == ("deleted", 3)
    assert history.fate("data/y", 3) == ("final", None)


def test_installed_packages_in_an_image_are_looked_up(tmp_path: Path) -> None:
    status = b"Package: libssl3\nStatus: install ok installed\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n"
    base = layer_tar([("file", "etc/os-release", OS_RELEASE), ("file", "var/lib/dpkg/status", status)])
    upgraded = layer_tar([("file", "var/lib/dpkg/status", status.replace(b"3.0.11-1~deb12u2", b"3.0.13-1~deb12u1"))])
    db = Path(__file__).resolve().parents[1] / "data" / "osv-images"
    vulnerable = scan_image(docker_save(tmp_path / "v.tar", image_config(user="app"), [base]), {**SETTINGS, "vuln_db": str(db)})
    assert [f.extra["package"] for f in vulnerable.findings if f.rule_id == "IMG007"] == ["openssl"]
    fixed = scan_image(docker_save(tmp_path / "f.tar", image_config(user="app"), [base, upgraded]), {**SETTINGS, "vuln_db": str(db)})
    assert not [f for f in fixed.findings if f.rule_id == "IMG007"]  # the final status is judged


def test_verify_ties_a_signed_report_to_the_exact_image(saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keygen", "--out", str(tmp_path / "ci")]) == 0
    envelope = tmp_path / "report.dsse.json"
    assert main(["scan", str(saved), "--no-cache", "--sign-key", str(tmp_path / "ci.key"), "--output", str(envelope)]) == 1
    public = str(tmp_path / "ci.pub")
    assert main(["verify", str(envelope), "--key", public, "--image", str(saved)]) == 0
    other = docker_save(tmp_path / "other.tar", image_config(user="app"), _app_layers())
    capsys.readouterr()
    assert main(["verify", str(envelope), "--key", public, "--image", str(other)]) == 1
    assert "is not the report's" in capsys.readouterr().err


def test_a_package_default_under_etc_is_vendored_but_an_edited_one_is_judged(tmp_path: Path) -> None:
    import hashlib

    default = b"[req]\n# challengePassword = A challenge password\ninput_password = secret\n"
    edited = default + f"aws_key = {AWS_KEY}\n".encode()
    status = f"Package: openssl\nStatus: install ok installed\nVersion: 3.0.11-1\nConffiles:\n /etc/ssl/openssl.cnf {hashlib.md5(default).hexdigest()}\n".encode()

    def image(content: bytes, name: str) -> Path:
        layer = layer_tar([("file", "etc/os-release", OS_RELEASE), ("file", "etc/ssl/openssl.cnf", content), ("file", "var/lib/dpkg/status", status)])
        return docker_save(tmp_path / name, image_config(user="app"), [layer])

    untouched = scan_image(image(default, "default.tar"), SETTINGS)
    assert not [f for f in untouched.findings if "openssl.cnf" in f.path]
    changed = scan_image(image(edited, "edited.tar"), SETTINGS)
    assert [f.rule_id for f in changed.findings if "openssl.cnf" in f.path] == ["SEC001"]


def test_apk_records_every_file_digest() -> None:
    import base64
    import hashlib

    from hms_policy.deps.installed import packaged_file_digests

    digest = hashlib.sha1(b"x").digest()
    text = f"P:busybox\nV:1.36.1-r15\nF:etc\nR:profile\nZ:Q1{base64.b64encode(digest).decode()}\nR:broken\nZ:Q1***\n"
    assert packaged_file_digests("lib/apk/db/installed", text) == {"etc/profile": ("sha1", digest.hex())}


def test_go_build_info_lists_the_modules_built_in() -> None:
    from hms_policy.deps.installed import go_build_info, installed_packages
    from images.imagebuilder import go_binary

    binary = go_binary("go1.21.3", ["path\texample.org/hms/api", "mod\texample.org/hms/api\t(devel)\t", "dep\tgolang.org/x/net\tv0.10.0\th1:abc=", "dep\tgithub.com/old/lib\tv1.0.0\th1:def=", "=>\tgithub.com/new/lib\tv1.2.0\th1:ghi=", "build\t-compiler=gc"])
    text = go_build_info(binary)
    assert text is not None
    found = installed_packages("usr/local/bin/api!/go.buildinfo", text, None)
    assert found is not None
    assert [(d.name, d.version) for d in found[1]] == [("stdlib", "1.21.3"), ("golang.org/x/net", "v0.10.0"), ("github.com/new/lib", "v1.2.0")]
    assert go_build_info(b"\x7fELF" + b"\x00" * 100) is None
    old_format = binary.replace(bytes([8, 0x2]), bytes([8, 0x0]), 1)
    assert go_build_info(old_format) is None
    assert go_build_info(binary[: binary.find(b"go1.21.3") + 3]) is None  # truncated: no crash


def test_go_binaries_in_an_image_become_package_records(tmp_path: Path) -> None:
    from images.imagebuilder import go_binary

    binary = go_binary("go1.21.3", ["dep\tgolang.org/x/net\tv0.10.0\th1:abc="])
    layer = layer_tar([("file", "usr/local/bin/api", binary), ("file", "app/run.sh", b"#!/bin/sh\nexec api\n")])
    report = scan_image(docker_save(tmp_path / "go.tar", image_config(user="app"), [layer]), {**SETTINGS, "max_file_bytes": 1024})
    assert not [e for e in report.errors if e.reason == "too-large"]  # a binary is no unread text file
    assert not [f for f in report.findings if "usr/local/bin/api" in f.path]


def test_a_vulnerable_go_module_in_a_binary_is_reported(tmp_path: Path) -> None:
    from images.imagebuilder import go_binary

    binary = go_binary("go1.21.3", ["dep\tgolang.org/x/net\tv0.10.0\th1:abc=", "dep\tgolang.org/x/text\tv0.14.0\th1:def="])
    layer = layer_tar([("file", "usr/local/bin/api", binary)])
    db = Path(__file__).resolve().parents[1] / "data" / "osv-images"
    report = scan_image(docker_save(tmp_path / "go.tar", image_config(user="app"), [layer]), {**SETTINGS, "vuln_db": str(db)})
    hits = [f for f in report.findings if f.rule_id == "IMG007"]
    assert [f.extra["package"] for f in hits] == ["golang.org/x/net"]
    assert hits[0].path.endswith("!layer/0:/usr/local/bin/api!/go.buildinfo")
