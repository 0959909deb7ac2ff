"""SQL dumps: `INSERT INTO t (cols) VALUES (...), (...);` (column names from the statement or
from the table's CREATE TABLE earlier in the dump) and PostgreSQL `COPY t (cols) FROM stdin;`
blocks. Strings keep their quoting and escape style (`''` or `\\'`); a statement is held until
its `;`, a COPY row is one line, so memory stays bounded by the longest statement."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.fieldkinds import column_kinds, patient_key_field
from hms_policy.deidentify.text import RecordNames, deidentify_text, replace_spans, worth_analysing
from hms_policy.detectors.phi.line import LineContext

_IDENT = r"[`\"\[]?([A-Za-z_][\w$]*)[`\"\]]?"
_INSERT = re.compile(r"^\s*INSERT\s+(?:IGNORE\s+)?INTO\s+(?:[`\"\[]?\w+[`\"\]]?\.)?" + _IDENT + r"\s*(\(([^)]*)\))?\s*VALUES\s*", re.IGNORECASE | re.DOTALL)
_CREATE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:[`\"\[]?\w+[`\"\]]?\.)?" + _IDENT + r"\s*\((.*)\)", re.IGNORECASE | re.DOTALL)
_COPY = re.compile(r"^\s*COPY\s+(?:[\w\"]+\.)?" + _IDENT + r"\s*\(([^)]*)\)\s+FROM\s+stdin", re.IGNORECASE)
_COLUMN_DEF = re.compile(r"^\s*[`\"\[]?([A-Za-z_][\w$]*)[`\"\]]?\s+[A-Za-z]")
_NOT_COLUMNS = frozenset(["primary", "key", "unique", "constraint", "index", "foreign", "check"])
# One SQL value: a quoted string (either escape style), a number, NULL or another bare word.
_VALUE = re.compile(r"\s*(?:'((?:[^'\\]|\\.|'')*)'|(-?\d+(?:\.\d+)?)|([A-Za-z_]\w*(?:\([^()]*\))?))\s*", re.DOTALL)


def _names(text: str) -> list[str]:
    return [re.sub(r"[`\"\[\]\s]", "", c) for c in text.split(",")]


class SqlDump:
    def __init__(self, engine: Engine, errors: list[str]) -> None:
        self.engine = engine
        self.errors = errors
        self.tables: dict[str, list[str]] = {}
        self.copy: list[str | None] | None = None
        self.copy_keys: list[int] = []

    def statement(self, text: str) -> str:
        m = _CREATE.match(text)
        if m:
            columns: list[str] = []
            for part in re.split(r",(?![^()]*\))", m.group(2)):
                col = _COLUMN_DEF.match(part)
                if col and col.group(1).lower() not in _NOT_COLUMNS:
                    columns.append(col.group(1))
            self.tables[m.group(1).lower()] = columns
            return text
        m = _INSERT.match(text)
        if not m:
            return text
        known = _names(m.group(3)) if m.group(3) else self.tables.get(m.group(1).lower())
        if not known:
            self.errors.append(f"INSERT INTO {m.group(1)} without a known column list; values de-identified as text")
            return deidentify_text(text, self.engine)
        return self._values(text, m.end(), known, m.group(1))

    def _values(self, text: str, pos: int, columns: list[str], table: str) -> str:
        kinds = column_kinds(columns, table)
        keys = [i for i, c in enumerate(columns) if patient_key_field(c)]
        edits: list[tuple[int, int, str]] = []
        n = len(text)
        while pos < n:
            while pos < n and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= n or text[pos] != "(":
                break
            pos += 1
            row: list[tuple[int, int, str, bool, str]] = []  # start, end, value, quoted, style
            while pos < n:
                m = _VALUE.match(text, pos)
                if m is None:
                    break
                if m.group(1) is not None:
                    raw = m.group(1)
                    style = "\\" if "\\'" in raw else "'"
                    value = raw.replace("\\'", "'").replace("''", "'").replace("\\\\", "\\")
                    row.append((m.start(1), m.end(1), value, True, style))
                elif m.group(2) is not None:
                    row.append((m.start(2), m.end(2), m.group(2), False, ""))
                else:
                    row.append((m.start(3), m.end(3), "", False, ""))
                pos = m.end()
                if pos < n and text[pos] == ",":
                    pos += 1
                    continue
                if pos < n and text[pos] == ")":
                    pos += 1
                    break
            edits.extend(self._row(row, kinds, keys))
        return replace_spans(text, edits)

    def _row(self, row: list[tuple[int, int, str, bool, str]], kinds: list[str | None], keys: list[int]) -> list[tuple[int, int, str]]:
        patient = next((row[i][2] for i in keys if i < len(row) and row[i][2]), None)
        names = RecordNames()
        edits = []
        later = []
        for index, (start, end, value, quoted, style) in enumerate(row):
            kind = kinds[index] if index < len(kinds) else None
            if not value.strip():
                continue
            if kind is None or kind == "text":
                if quoted:
                    later.append(index)
                continue
            new = self.engine.replace(kind, value, patient)
            if kind in ("person_name", "given_name", "family_name"):
                names.add(value, new)
            if new != value:
                edits.append((start, end, _quote(new, quoted, style, start, end)))
        ctx = LineContext(patient=True, log=False)
        for index in later:
            start, end, value, quoted, style = row[index]
            if worth_analysing(value) or any(word in value for word in names.words):
                new = deidentify_text(value, self.engine, patient=patient, ctx=ctx, names=names, dates=True)
                if new != value:
                    edits.append((start, end, _quote(new, quoted, style, start, end)))
        return edits

    def copy_header(self, line: str) -> bool:
        m = _COPY.match(line)
        if not m:
            return False
        columns = _names(m.group(2))
        self.copy = column_kinds(columns, m.group(1))
        self.copy_keys = [i for i, c in enumerate(columns) if patient_key_field(c)]
        return True

    def copy_row(self, line: str) -> str:
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        assert self.copy is not None
        cells = body.split("\t")
        patient = next((cells[i] for i in self.copy_keys if i < len(cells) and cells[i] != "\\N"), None)
        names = RecordNames()
        later = []
        for index, cell in enumerate(cells):
            kind = self.copy[index] if index < len(self.copy) else None
            if cell in ("", "\\N"):
                continue
            if kind is None or kind == "text":
                later.append(index)
                continue
            value = _copy_unescape(cell)
            new = self.engine.replace(kind, value, patient)
            if kind in ("person_name", "given_name", "family_name"):
                names.add(value, new)
            if new != value:
                cells[index] = _copy_escape(new)
        ctx = LineContext(patient=True, log=False)
        for index in later:
            value = _copy_unescape(cells[index])
            if worth_analysing(value) or any(word in value for word in names.words):
                new = deidentify_text(value, self.engine, patient=patient, ctx=ctx, names=names, dates=True)
                if new != value:
                    cells[index] = _copy_escape(new)
        return "\t".join(cells) + ending


def _quote(new: str, quoted: bool, style: str, start: int, end: int) -> str:
    if not quoted:
        return new if re.fullmatch(r"-?\d+(?:\.\d+)?", new) and not new.startswith("0") else "'" + new.replace("'", "''") + "'"
    if style == "\\":
        return new.replace("\\", "\\\\").replace("'", "\\'")
    return new.replace("'", "''")


def _copy_unescape(cell: str) -> str:
    if "\\" not in cell:
        return cell
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(m.group(1), m.group(1)), cell)


def _copy_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _statement_done(text: str, state: list[bool]) -> bool:
    """Track quotes across lines; True when a `;` outside a string ends the statement."""
    in_string = state[0]
    i, n = 0, len(text)
    done = False
    while i < n:
        c = text[i]
        if in_string:
            if c == "\\":
                i += 2
                continue
            if c == "'":
                if i + 1 < n and text[i + 1] == "'":
                    i += 2
                    continue
                in_string = False
        elif c == "'":
            in_string = True
        elif c == ";":
            done = True
        elif c == "-" and text.startswith("--", i) and not done:
            break  # a comment to the end of the line
        i += 1
    state[0] = in_string
    return done and not in_string


def deidentify_sql(lines: Iterable[str], engine: Engine, errors: list[str]) -> Iterator[str]:
    dump = SqlDump(engine, errors)
    pending: list[str] = []
    state = [False]
    for line in lines:
        if dump.copy is not None:
            if line.rstrip("\r\n") == "\\.":
                dump.copy = None
                yield line
            else:
                yield dump.copy_row(line)
            continue
        if not pending and dump.copy_header(line):
            yield line
            continue
        if not pending and not line.strip():
            yield line
            continue
        if not pending and line.lstrip().startswith("--"):
            body = line.rstrip("\r\n")
            yield deidentify_text(body, engine) + line[len(body) :]  # comments are free text
            continue
        pending.append(line)
        if _statement_done(line, state):
            yield dump.statement("".join(pending))
            pending = []
    if pending:
        yield dump.statement("".join(pending))
