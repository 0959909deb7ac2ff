"""Bytes in, bytes out: encodings (UTF-8 with or without BOM, UTF-16 with BOM), line endings,
gzip, and invalid UTF-8 (decoded with `surrogateescape`, so every byte round-trips, and
reported). Picks the format handler from the file name."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from hms_policy.deidentify.engine import Engine

LineHandler = Callable[[Iterable[str], Engine, list[str]], Iterator[str]]
WholeHandler = Callable[[str, Engine], str]

FORMATS = ("csv", "tsv", "json", "ndjson", "yaml", "xml", "sql", "hl7", "text")


@dataclass(slots=True)
class FileResult:
    path: str
    format: str
    errors: list[str] = field(default_factory=list)


def format_of(name: str) -> str:
    low = name.lower()
    low = low.removesuffix(".gz")
    suffix = low.rsplit(".", 1)[-1] if "." in low else ""
    return {
        "csv": "csv", "tsv": "tsv", "psv": "csv", "json": "json", "fhir": "json", "ndjson": "ndjson", "jsonl": "ndjson",
        "yaml": "yaml", "yml": "yaml", "xml": "xml", "sql": "sql", "hl7": "hl7", "hl7v2": "hl7",
    }.get(suffix, "text")


def _line_handler(fmt: str) -> LineHandler:
    from hms_policy.deidentify.formats import csvfile, hl7, jsonfile, lines, sqlfile

    if fmt == "csv":
        return csvfile.deidentify_csv
    if fmt == "tsv":
        return lambda it, e, errs: csvfile.deidentify_csv(it, e, errs, "\t")
    if fmt == "ndjson":
        return jsonfile.deidentify_ndjson
    if fmt == "sql":
        return sqlfile.deidentify_sql
    if fmt == "hl7":
        return hl7.deidentify_hl7
    return lines.deidentify_lines


def _whole_handler(fmt: str) -> WholeHandler | None:
    from hms_policy.deidentify.formats import jsonfile, xmlfile, yamlfile

    return {"json": jsonfile.deidentify_json, "yaml": yamlfile.deidentify_yaml, "xml": xmlfile.deidentify_xml}.get(fmt)


def _encoding(head: bytes) -> tuple[str, int]:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    return "utf-8", 0


class _Reader:
    """Lines with their endings (\\n, \\r\\n or \\r kept), invalid bytes kept as surrogates."""

    def __init__(self, raw: IO[bytes], encoding: str, errors: list[str]) -> None:
        self.stream = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
        self.errors = errors
        self.invalid_lines = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.stream:
            if _has_surrogates(line):
                self.invalid_lines += 1
            yield line


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def deidentify_stream(source: IO[bytes], sink: IO[bytes], engine: Engine, fmt: str) -> list[str]:
    """De-identify one byte stream (already decompressed) into `sink`; the errors found."""
    errors: list[str] = []
    head = source.peek(4)[:4] if hasattr(source, "peek") else b""
    encoding, bom = _encoding(head)
    if not hasattr(source, "peek"):
        data = source.read()
        encoding, bom = _encoding(data[:4])
        source = io.BufferedReader(io.BytesIO(data))
    bom_bytes = source.read(bom) if bom else b""
    sink.write(bom_bytes)
    if fmt == "text" and encoding == "utf-8":
        from hms_policy.deidentify.formats.lines import deidentify_utf8_stream

        deidentify_utf8_stream(source, sink, engine, errors)
        return errors
    reader = _Reader(source, encoding, errors)
    writer = io.TextIOWrapper(sink, encoding=encoding, errors="surrogateescape", newline="", write_through=True)
    whole = _whole_handler(fmt)
    try:
        if whole is not None:
            text = "".join(reader)
            try:
                writer.write(whole(text, engine))
            except Exception as exc:  # a broken document: judged line by line as text
                errors.append(f"not valid {fmt.upper()} ({type(exc).__name__}); de-identified line by line as text")
                from hms_policy.deidentify.formats.lines import deidentify_lines

                for chunk in deidentify_lines(text.splitlines(True), engine, errors):
                    writer.write(chunk)
        else:
            for chunk in _line_handler(fmt)(reader, engine, errors):
                writer.write(chunk)
        writer.flush()
    finally:
        writer.detach()
    if reader.invalid_lines:
        errors.append(f"{reader.invalid_lines} line(s) hold bytes that are not valid {encoding}; those bytes were kept as they were")
    return errors


def deidentify_file(src: Path, dst: Path, engine: Engine, display: str) -> FileResult:
    fmt = format_of(src.name)
    result = FileResult(display, fmt)
    tmp = dst.with_name(dst.name + ".hms-tmp")
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(src, "rb") as raw_in, open(tmp, "wb") as raw_out:
            if src.name.lower().endswith(".gz"):
                with gzip.GzipFile(fileobj=raw_in, mode="rb") as gz_in, gzip.GzipFile(fileobj=raw_out, mode="wb", mtime=0, filename="") as gz_out:
                    result.errors = deidentify_stream(io.BufferedReader(gz_in), gz_out, engine, fmt)  # type: ignore[arg-type]
            else:
                result.errors = deidentify_stream(io.BufferedReader(raw_in), raw_out, engine, fmt)
        tmp.replace(dst)
    except (OSError, EOFError, zlib.error) as exc:
        tmp.unlink(missing_ok=True)
        result.errors.append(f"cannot read or write the file ({type(exc).__name__}); no output written")
    except Exception as exc:  # bad input never stops the run: the file is reported, not written
        tmp.unlink(missing_ok=True)
        result.errors.append(f"could not de-identify the file ({type(exc).__name__}); no output written")
    return result


def deidentify_string(text: str, engine: Engine, fmt: str = "text") -> str:
    """The library form on a string."""
    whole = _whole_handler(fmt)
    if whole is not None:
        return whole(text, engine)
    return "".join(_line_handler(fmt)(text.splitlines(True), engine, []))
