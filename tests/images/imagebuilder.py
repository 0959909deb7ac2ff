"""Build small container images in-process with `tarfile`: docker save tars, OCI layouts and
OCI archives, multi-arch indexes, and malicious layers. No Docker needed."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Entry = tuple  # ("file", path, bytes) | ("dir", path) | ("symlink", path, target) | ("hardlink", path, target) | ("whiteout", path) | ("opaque", dir) | ("device", path) | ("raw", TarInfo, bytes|None)


def layer_tar(entries: list[Entry], compress: str = "none") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for entry in entries:
            kind = entry[0]
            if kind == "raw":
                tar.addfile(entry[1], io.BytesIO(entry[2]) if entry[2] is not None else None)
                continue
            path = entry[1]
            if kind == "whiteout":
                head, _, name = path.rpartition("/")
                path = f"{head}/.wh.{name}" if head else f".wh.{name}"
                kind = "file"
                entry = ("file", path, b"")
            elif kind == "opaque":
                path = f"{path}/.wh..wh..opq"
                kind = "file"
                entry = ("file", path, b"")
            info = tarfile.TarInfo(path)
            info.mtime = 1_700_000_000
            if kind == "file":
                info.size = len(entry[2])
                tar.addfile(info, io.BytesIO(entry[2]))
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif kind == "symlink":
                info.type, info.linkname = tarfile.SYMTYPE, entry[2]
                tar.addfile(info)
            elif kind == "hardlink":
                info.type, info.linkname = tarfile.LNKTYPE, entry[2]
                tar.addfile(info)
            elif kind == "device":
                info.type = tarfile.CHRTYPE
                tar.addfile(info)
    data = buffer.getvalue()
    if compress == "gzip":
        return gzip.compress(data, mtime=0)
    if compress == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    return data


def image_config(user: str = "", env: list[str] | None = None, ports: list[str] | None = None, healthcheck: bool = False, labels: dict[str, str] | None = None, layers: int = 1) -> dict[str, Any]:
    config: dict[str, Any] = {"User": user, "Env": env or ["PATH=/usr/local/bin:/usr/bin"], "Labels": labels or {}}
    if ports:
        config["ExposedPorts"] = {p: {} for p in ports}
    if healthcheck:
        config["Healthcheck"] = {"Test": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}
    return {"architecture": "amd64", "os": "linux", "config": config, "rootfs": {"type": "layers", "diff_ids": [f"sha256:{i:064x}" for i in range(layers)]}, "history": []}


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass
class Blobs:
    items: dict[str, bytes] = field(default_factory=dict)

    def add(self, data: bytes) -> str:
        digest = _digest(data)
        self.items[digest] = data
        return digest


def oci_manifest(blobs: Blobs, config: dict[str, Any], layers: list[bytes]) -> tuple[str, int]:
    config_bytes = json.dumps(config).encode()
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": blobs.add(config_bytes), "size": len(config_bytes)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": blobs.add(layer), "size": len(layer)} for layer in layers],
    }
    data = json.dumps(manifest).encode()
    return blobs.add(data), len(data)


def write_oci_layout(root: Path, blobs: Blobs, index: dict[str, Any]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "oci-layout").write_text('{"imageLayoutVersion": "1.0.0"}')
    (root / "index.json").write_text(json.dumps(index))
    for digest, data in blobs.items.items():
        algorithm, hexdigest = digest.split(":")
        (root / "blobs" / algorithm).mkdir(parents=True, exist_ok=True)
        (root / "blobs" / algorithm / hexdigest).write_bytes(data)
    return root


def oci_layout(root: Path, config: dict[str, Any], layers: list[bytes], name: str = "hms-api:1.0") -> Path:
    blobs = Blobs()
    digest, size = oci_manifest(blobs, config, layers)
    index = {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest, "size": size, "annotations": {"io.containerd.image.name": name}}]}
    return write_oci_layout(root, blobs, index)


def multi_arch_layout(root: Path, variants: dict[str, tuple[dict[str, Any], list[bytes]]]) -> Path:
    blobs = Blobs()
    manifests = []
    for platform, (config, layers) in variants.items():
        os_, arch = platform.split("/")[:2]
        digest, size = oci_manifest(blobs, config, layers)
        manifests.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest, "size": size, "platform": {"os": os_, "architecture": arch}})
    inner = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests}).encode()
    inner_digest = blobs.add(inner)
    index = {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.index.v1+json", "digest": inner_digest, "size": len(inner)}]}
    return write_oci_layout(root, blobs, index)


def tar_directory(source: Path, target: Path) -> Path:
    with tarfile.open(target, "w") as tar:
        for path in sorted(source.rglob("*")):
            tar.add(path, arcname=path.relative_to(source).as_posix(), recursive=False)
    return target


def docker_save(target: Path, config: dict[str, Any], layers: list[bytes], tag: str = "hms-api:1.0") -> Path:
    config_bytes = json.dumps(config).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    names = [f"{i:064x}/layer.tar" for i in range(len(layers))]
    manifest = [{"Config": config_name, "RepoTags": [tag], "Layers": names}]
    with tarfile.open(target, "w") as tar:
        def add(name: str, data: bytes) -> None:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

        add(config_name, config_bytes)
        for name, layer in zip(names, layers):
            add(name, layer)
        add("manifest.json", json.dumps(manifest).encode())
    return target


def go_binary(version: str, modules: list[str], pad: int = 4096) -> bytes:
    """An ELF-looking file with a Go 1.18+ build-info blob (inline strings) inside."""

    def varint(n: int) -> bytes:
        out = bytearray()
        while True:
            byte, n = n & 0x7F, n >> 7
            out.append(byte | (0x80 if n else 0))
            if not n:
                return bytes(out)

    modinfo = b"0" * 16 + "\n".join(modules).encode() + b"\n" + b"1" * 16
    header = b"\xff Go buildinf:" + bytes([8, 0x2]) + b"\x00" * 16
    return b"\x7fELF" + b"\x00" * pad + header + varint(len(version)) + version.encode() + varint(len(modinfo)) + modinfo + b"\x00" * 64
