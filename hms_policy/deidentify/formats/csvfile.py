"""CSV and TSV: the header names each column (the PHI detector's field vocabulary); rows are
read record by record, so a quoted cell may hold newlines, delimiters and doubled quotes.
Cells keep their quoting; a substitute is quoted only when it needs to be."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.fieldkinds import column_kinds, patient_key_field
from hms_policy.deidentify.text import RecordNames, deidentify_text, worth_analysing
from hms_policy.detectors.phi.line import LineContext
from hms_policy.detectors.phi.structured import sniff_delimiter

Cell = tuple[str, bool, str]  # value, whether it was quoted, raw text as written


def records(lines: Iterable[str]) -> Iterator[str]:
    """Whole records: lines joined while a quoted cell is open."""
    pending: list[str] = []
    quotes = 0
    for line in lines:
        pending.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            yield "".join(pending)
            pending, quotes = [], 0
    if pending:
        yield "".join(pending)


def split(record: str, delimiter: str) -> list[Cell]:
    cells: list[Cell] = []
    i, n = 0, len(record)
    while True:
        if i < n and record[i] == '"':
            j = i + 1
            buf = []
            while j < n:
                if record[j] == '"':
                    if j + 1 < n and record[j + 1] == '"':
                        buf.append('"')
                        j += 2
                        continue
                    break
                buf.append(record[j])
                j += 1
            end = record.find(delimiter, j + 1)
            cells.append(("".join(buf), True, record[i : end if end >= 0 else n]))
            if end < 0:
                return cells
            i = end + 1
        else:
            end = record.find(delimiter, i)
            if end < 0:
                cells.append((record[i:], False, record[i:]))
                return cells
            cells.append((record[i:end], False, record[i:end]))
            i = end + 1


def join(cells: list[Cell], delimiter: str) -> str:
    out = []
    for value, quoted, raw in cells:
        if value == raw or (quoted and raw == '"' + value.replace('"', '""') + '"'):
            out.append(raw)
        elif quoted or any(c in value for c in (delimiter, '"', "\n", "\r")):
            out.append('"' + value.replace('"', '""') + '"')
        else:
            out.append(value)
    return delimiter.join(out)


def _ending(record: str) -> tuple[str, str]:
    body = record.rstrip("\r\n")
    return body, record[len(body) :]


def deidentify_csv(lines: Iterable[str], engine: Engine, errors: list[str], delimiter: str | None = None) -> Iterator[str]:
    kinds: list[str | None] | None = None
    key_columns: list[int] = []
    for record in records(lines):
        body, ending = _ending(record)
        if kinds is None:
            if not body.strip():
                yield record
                continue
            delimiter = delimiter or sniff_delimiter(body)
            header = [cell[0].strip() for cell in split(body, delimiter)]
            kinds = column_kinds(header)
            key_columns = [i for i, h in enumerate(header) if patient_key_field(h)]
            yield record
            continue
        if not body.strip():
            yield record
            continue
        assert delimiter is not None
        cells = split(body, delimiter)
        if len(cells) != len(kinds):
            errors.append(f"a record has {len(cells)} cells, the header {len(kinds)}; cells matched by position")
        patient = next((cells[i][0].strip() for i in key_columns if i < len(cells) and cells[i][0].strip()), None)
        names = RecordNames()
        out: list[Cell] = list(cells)
        later = []
        for index, (value, quoted, raw) in enumerate(cells):
            kind = kinds[index] if index < len(kinds) else None
            if not value.strip():
                continue
            if kind == "text" or kind is None:
                later.append(index)
                continue
            new = engine.replace(kind, value, patient)
            if kind in ("person_name", "given_name", "family_name"):
                names.add(value, new)
            out[index] = (new, quoted, raw)
        ctx = LineContext(patient=True, log=False)
        for index in later:
            value, quoted, raw = cells[index]
            if worth_analysing(value) or any(word in value for word in names.words):
                out[index] = (deidentify_text(value, engine, patient=patient, ctx=ctx, names=names, dates=True), quoted, raw)
        yield join(out, delimiter) + ending
