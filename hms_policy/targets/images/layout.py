"""Find an image inside a `docker save` tar, an OCI archive or an OCI layout directory.

    docker save (classic)  manifest.json -> Config "<hex>.json", Layers ["<id>/layer.tar"]
    docker save (25+)      the same manifest.json, pointing into an OCI layout (blobs/sha256/..)
    OCI layout / archive   oci-layout + index.json -> manifest (or an index: pick a platform)
                           -> config + layers, every blob under blobs/<alg>/<hex>

Blobs are read lazily: only the config and the small JSON documents are read whole; layers
are opened as streams when the driver asks for them.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable

# JSON documents (manifests, index, config) larger than this are not image metadata.
MAX_JSON_BYTES = 8 * 1024 * 1024
DEFAULT_PLATFORM = "linux/amd64"
_INDEX_TYPES = ("application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json")


class ImageError(Exception):
    """The input is not a readable image; the message is one user-facing line."""


@dataclass(frozen=True, slots=True)
class LayerRef:
    index: int  # 0 = the base layer
    digest: str  # "sha256:..." of the blob as stored (compressed), or the layer path's digest
    open: Callable[[], IO[bytes]]


@dataclass(slots=True)
class Image:
    name: str  # a repo tag when the archive names one, else the input's file name
    digest: str  # "sha256:..." of the image manifest (or of the config when there is none)
    config_digest: str
    config: bytes
    layers: list[LayerRef]
    platform: str | None = None
    notes: list[str] = field(default_factory=list)  # value-free remarks for report.errors
    _close: Callable[[], None] | None = None

    def close(self) -> None:
        if self._close is not None:
            self._close()


def is_image_input(path: Path) -> bool:
    """True for an OCI layout directory or a tar that holds an image (docker save / OCI)."""
    if path.is_dir():
        return (path / "oci-layout").is_file() and (path / "index.json").is_file()
    if not path.is_file() or not tarfile.is_tarfile(path):
        return False
    try:
        with tarfile.open(path) as tar:
            for _, member in zip(range(64), tar):  # the metadata sits near the start or end
                if _clean(member.name) in ("manifest.json", "oci-layout", "index.json"):
                    return True
            names = {_clean(n) for n in tar.getnames()}
    except (tarfile.TarError, OSError, EOFError):
        return False
    return "manifest.json" in names or ("oci-layout" in names and "index.json" in names)


def open_image(path: Path, platform: str | None = None) -> Image:
    """The image in `path` (tar or OCI layout directory); raises ImageError."""
    store: _Store
    if path.is_dir():
        store = _DirStore(path)
    else:
        try:
            store = _TarStore(path)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise ImageError(f"{path.name}: not a readable image archive ({type(exc).__name__})") from None
    try:
        image = _from_store(store, path.name, platform or DEFAULT_PLATFORM)
    except ImageError:
        store.close()
        raise
    image._close = store.close
    return image


class _Store:
    def has(self, name: str) -> bool:
        raise NotImplementedError

    def open(self, name: str) -> IO[bytes]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def read_json(self, name: str) -> Any:
        if not self.has(name):
            raise ImageError(f"the image archive has no {name}")
        with self.open(name) as stream:
            data = stream.read(MAX_JSON_BYTES + 1)
        if len(data) > MAX_JSON_BYTES:
            raise ImageError(f"{name} is larger than {MAX_JSON_BYTES} bytes: not image metadata")
        try:
            return json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise ImageError(f"{name} is not valid JSON") from None

    def read_bytes(self, name: str) -> bytes:
        with self.open(name) as stream:
            data = stream.read(MAX_JSON_BYTES + 1)
        if len(data) > MAX_JSON_BYTES:
            raise ImageError(f"{name} is larger than {MAX_JSON_BYTES} bytes: not image metadata")
        return data


class _DirStore(_Store):
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, name: str) -> Path:
        candidate = (self.root / name).resolve()
        if not candidate.is_relative_to(self.root):  # a blob reference never leaves the layout
            raise ImageError(f"blob reference outside the image layout: {_short(name)}")
        return candidate

    def has(self, name: str) -> bool:
        return self._path(name).is_file()

    def open(self, name: str) -> IO[bytes]:
        return self._path(name).open("rb")


class _TarStore(_Store):
    def __init__(self, path: Path) -> None:
        self.tar = tarfile.open(path)
        self.members = {_clean(m.name): m for m in self.tar.getmembers() if m.isfile()}

    def has(self, name: str) -> bool:
        return _clean(name) in self.members

    def open(self, name: str) -> IO[bytes]:
        member = self.members.get(_clean(name))
        stream = self.tar.extractfile(member) if member is not None else None
        if stream is None:
            raise ImageError(f"the image archive has no {_short(name)}")
        return stream

    def close(self) -> None:
        self.tar.close()


def _from_store(store: _Store, input_name: str, platform: str) -> Image:
    if store.has("index.json") and store.has("oci-layout"):
        return _from_oci(store, input_name, platform)
    if store.has("manifest.json"):
        return _from_docker(store, input_name)
    raise ImageError(f"{input_name}: no manifest.json or OCI index.json: not a docker save or OCI image")


def _from_docker(store: _Store, input_name: str) -> Image:
    manifest = store.read_json("manifest.json")
    if not isinstance(manifest, list) or not manifest or not isinstance(manifest[0], dict):
        raise ImageError("manifest.json does not list an image")
    entry = manifest[0]
    notes = [f"the archive holds {len(manifest)} images; only the first ({_name(entry, input_name)}) is scanned"] if len(manifest) > 1 else []
    config_name = entry.get("Config")
    layers = entry.get("Layers")
    if not isinstance(config_name, str) or not isinstance(layers, list) or not all(isinstance(x, str) for x in layers):
        raise ImageError("manifest.json lacks Config or Layers")
    config = store.read_bytes(config_name)
    config_digest = "sha256:" + hashlib.sha256(config).hexdigest()
    diff_ids = _diff_ids(config)
    refs = [LayerRef(i, diff_ids[i] if i < len(diff_ids) and not name.startswith("blobs/") else _blob_digest(name), _opener(store, name)) for i, name in enumerate(layers)]
    # No registry manifest in a classic save: the config digest is the image id docker shows.
    return Image(_name(entry, input_name), config_digest, config_digest, config, refs, notes=notes)


def _from_oci(store: _Store, input_name: str, platform: str) -> Image:
    index = store.read_json("index.json")
    descriptors = index.get("manifests") if isinstance(index, dict) else None
    if not isinstance(descriptors, list) or not descriptors:
        raise ImageError("index.json lists no manifests")
    name = _annotated_name(descriptors[0]) or input_name
    chosen, picked_platform = _pick(store, descriptors, platform, depth=0)
    manifest_bytes = store.read_bytes(_blob_path(chosen["digest"]))
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise ImageError("the image manifest is not valid JSON") from None
    config_desc = manifest.get("config") if isinstance(manifest, dict) else None
    layer_descs = manifest.get("layers") if isinstance(manifest, dict) else None
    if not isinstance(config_desc, dict) or not isinstance(layer_descs, list):
        raise ImageError("the image manifest lacks config or layers")
    config = store.read_bytes(_blob_path(str(config_desc.get("digest", ""))))
    refs = []
    for i, desc in enumerate(layer_descs):
        digest = str(desc.get("digest", "")) if isinstance(desc, dict) else ""
        refs.append(LayerRef(i, digest, _opener(store, _blob_path(digest))))
    manifest_digest = "sha256:" + hashlib.sha256(manifest_bytes).hexdigest()
    return Image(name, manifest_digest, str(config_desc.get("digest", "")), config, refs, picked_platform)


def _pick(store: _Store, descriptors: list[Any], platform: str, depth: int) -> tuple[dict[str, Any], str | None]:
    """The image manifest for `platform`, following nested indexes (bounded)."""
    if depth > 4:
        raise ImageError("image indexes nest deeper than 4 levels")
    wanted = _parse_platform(platform)
    manifests = [d for d in descriptors if isinstance(d, dict) and isinstance(d.get("digest"), str)]
    images = [d for d in manifests if d.get("mediaType") not in _INDEX_TYPES]
    indexes = [d for d in manifests if d.get("mediaType") in _INDEX_TYPES]
    with_platform = [d for d in images if isinstance(d.get("platform"), dict)]
    if with_platform:
        for desc in with_platform:
            if _platform_matches(desc["platform"], wanted):
                return desc, _platform_text(desc["platform"])
        offered = ", ".join(sorted({_platform_text(d["platform"]) for d in with_platform}))
        raise ImageError(f"the image has no {platform} variant (it offers {offered}); pick one with --platform")
    if images:
        return images[0], None
    for desc in indexes:
        nested = store.read_json(_blob_path(desc["digest"]))
        inner = nested.get("manifests") if isinstance(nested, dict) else None
        if isinstance(inner, list):
            return _pick(store, inner, platform, depth + 1)
    raise ImageError("index.json points at no image manifest")


def _parse_platform(text: str) -> tuple[str, str, str | None]:
    parts = text.split("/")
    if len(parts) < 2 or not all(parts):
        raise ImageError(f"--platform must read os/arch[/variant], e.g. {DEFAULT_PLATFORM}")
    return parts[0], parts[1], parts[2] if len(parts) > 2 else None


def _platform_matches(offered: dict[str, Any], wanted: tuple[str, str, str | None]) -> bool:
    os_, arch, variant = wanted
    if offered.get("os") != os_ or offered.get("architecture") != arch:
        return False
    return variant is None or offered.get("variant") == variant


def _platform_text(offered: dict[str, Any]) -> str:
    parts = [str(offered.get("os", "?")), str(offered.get("architecture", "?"))]
    if offered.get("variant"):
        parts.append(str(offered["variant"]))
    return "/".join(parts)


def _blob_path(digest: str) -> str:
    algorithm, _, hexdigest = digest.partition(":")
    if algorithm not in ("sha256", "sha512") or not hexdigest.isalnum():
        raise ImageError(f"not a blob digest: {_short(digest)}")
    return f"blobs/{algorithm}/{hexdigest}"


def _blob_digest(name: str) -> str:
    parts = _clean(name).split("/")
    if len(parts) == 3 and parts[0] == "blobs":
        return f"{parts[1]}:{parts[2]}"
    return "path:" + _clean(name)


def _diff_ids(config: bytes) -> list[str]:
    """The uncompressed layer digests the config lists (a classic save names layers by id)."""
    try:
        ids = json.loads(config).get("rootfs", {}).get("diff_ids", [])
    except (ValueError, AttributeError, UnicodeDecodeError):
        return []
    return [str(i) for i in ids] if isinstance(ids, list) else []


def _opener(store: _Store, name: str) -> Callable[[], IO[bytes]]:
    return lambda: store.open(name)


def _name(entry: dict[str, Any], fallback: str) -> str:
    tags = entry.get("RepoTags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str):
        return tags[0]
    return fallback


def _annotated_name(descriptor: Any) -> str | None:
    annotations = descriptor.get("annotations") if isinstance(descriptor, dict) else None
    if isinstance(annotations, dict):
        for key in ("io.containerd.image.name", "org.opencontainers.image.ref.name"):
            if isinstance(annotations.get(key), str):
                return str(annotations[key])
    return None


def _clean(name: str) -> str:
    while name.startswith("./"):
        name = name[2:]
    return name


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."
