"""hms-policy deidentify: round trips for every format, the issue's hard cases, consistency,
verification, the CI check, and that no original value or key reaches any output."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from hms_policy.cli import main
from hms_policy.deidentify import deidentify_stream, deidentify_text
from hms_policy.deidentify import identifiers as ids
from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.keyed import Keyed
from hms_policy.deidentify.policy import parse_policy
from hms_policy.detectors.phi import validators as v

DATA = Path(__file__).resolve().parent.parent / "data" / "deidentify"
KEY = "unit-test-key-0123456789"
PLANTED = ("Meera", "Rao", "512-34-8891", "meera.rao@gmail.com", "004512", "2341 2341 2346", "868-4410",
           "98450 12345", "14 Hill Road", "1984-03-12", "19840312", "219-44-1234", "Kline")


def _run(tmp_path: Path, *names: str, key: str = KEY, extra: tuple[str, ...] = ()) -> tuple[int, Path]:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(DATA / name, src / name)
    out = tmp_path / "out"
    code = main(["deidentify", str(src), "--out", str(out), "--key", key, *extra])
    return code, out


def _no_planted(text: str, allowed: tuple[str, ...] = ()) -> None:
    for value in PLANTED:
        if value not in allowed:
            assert value not in text, value


def test_csv_round_trip_quoted_newlines_and_structure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(tmp_path, "patients.csv")
    assert code == 0
    before = list(csv.reader(io.StringIO((DATA / "patients.csv").read_text())))
    after = list(csv.reader(io.StringIO((out / "patients.csv").read_text())))
    assert len(before) == len(after) and [len(r) for r in before] == [len(r) for r in after]
    assert before[0] == after[0]
    row = dict(zip(after[0], after[1]))
    assert v.ssn(row["ssn"].replace("-", "")) is False and row["ssn"][4:6] == "00"  # group 00: never issued
    assert row["email"].endswith(("@example.com", "@example.org", "@example.net"))
    assert "555-01" in row["phone"]
    assert row["zip"] == "021" and dict(zip(after[0], after[2]))["zip"] == "000"  # 036 is a restricted ZIP3
    assert row["age"] == "90"
    assert "\n" in row["notes"] and "no hope of discharge" in row["notes"]  # the common word stays
    assert row["first_name"] in row["notes"]  # the record's name in its free text follows the field
    _no_planted((out / "patients.csv").read_text(), allowed=("Rao",) if False else ())
    printed = capsys.readouterr()
    _no_planted(printed.out + printed.err)
    assert KEY not in printed.out + printed.err


def test_hl7_components_and_consistency_with_csv(tmp_path: Path) -> None:
    code, out = _run(tmp_path, "adt.hl7", "patients.csv")
    assert code == 0
    text = (out / "adt.hl7").read_bytes().decode()
    assert text.count("\r") == (DATA / "adt.hl7").read_bytes().decode().count("\r")
    pid = next(s for s in text.split("\r") if s.startswith("PID"))
    fields = pid.split("|")
    family, given = fields[5].split("^")[:2]
    rows = list(csv.DictReader(io.StringIO((out / "patients.csv").read_text())))
    assert (given, family) == (rows[0]["first_name"], rows[0]["last_name"])  # same person, same substitute
    assert fields[19] == rows[0]["ssn"]
    area, local = fields[13].split("^")[5:7]
    assert ids.digits_of(area + local)[3:8] == "55501"  # the split phone is one fictional number
    assert "Meera" not in text and "Rao" not in text
    _no_planted(text)


def test_fhir_bundle_contained_and_references(tmp_path: Path) -> None:
    code, out = _run(tmp_path, "obs.json")
    assert code == 0
    doc = json.loads((out / "obs.json").read_text())
    before = json.loads((DATA / "obs.json").read_text())
    assert _shape(doc) == _shape(before)
    patient = doc["entry"][0]["resource"]
    obs = doc["entry"][1]["resource"]
    assert obs["subject"]["reference"] == "Patient/" + patient["id"]
    assert obs["contained"][0]["name"][0]["given"] != ["Hope"]
    assert v.nhs is not None and ids.digits_of(obs["valueString"]).startswith("9999")
    assert v.aadhaar(ids.digits_of(obs["valueString"]))
    assert patient["address"][0]["postalCode"] == "411000"
    _no_planted(json.dumps(doc))


def _shape(node: object) -> object:
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return type(node).__name__


def test_sql_escaped_quotes_copy_and_xml_yaml(tmp_path: Path) -> None:
    code, out = _run(tmp_path, "dump.sql", "ds.xml", "p.yaml")
    assert code == 0
    sql = (out / "dump.sql").read_text()
    assert "O\\'Quill" not in sql and "Tamsin" not in sql
    assert sql.count("INSERT INTO") == 2 and "\n\\.\n" in sql
    tree = ET.fromstring((out / "ds.xml").read_text().split("?>", 1)[1])
    row = tree.find("patient")
    assert row is not None and row.get("id") == "1" and row.get("given_name") != "Meera"
    data = yaml.safe_load((out / "p.yaml").read_text())
    assert set(data["patients"][0]) == {"mrn", "name", "dob", "email", "notes"}
    assert "# comment kept" in (out / "p.yaml").read_text()
    for name in ("dump.sql", "ds.xml", "p.yaml"):
        _no_planted((out / name).read_text())


def test_logs_gzip_crlf_and_invalid_utf8(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    raw = (DATA / "app.log").read_bytes()
    (src / "app.log.gz").write_bytes(gzip.compress(raw))
    (src / "bad.log").write_bytes(b"ok line\r\n\xff\xfe bad ssn=512-34-8891 \xc3\r\n")
    out = tmp_path / "out"
    assert main(["deidentify", str(src), "--out", str(out), "--key", KEY]) == 0
    text = gzip.decompress((out / "app.log.gz").read_bytes())
    assert text.count(b"\r\n") == raw.count(b"\r\n") and b"nothing here" in text
    _no_planted(text.decode())
    bad = (out / "bad.log").read_bytes()
    assert bad.startswith(b"ok line\r\n\xff\xfe bad ssn=") and bad.endswith(b" \xc3\r\n") and b"512-34-8891" not in bad


def test_consistent_across_runs_with_the_same_key_and_different_with_another(tmp_path: Path) -> None:
    first = deidentify_text("patient_name=\"Meera Rao\" ssn=512-34-8891", KEY)
    again = deidentify_text("patient_name=\"Meera Rao\" ssn=512-34-8891", KEY)
    other = deidentify_text("patient_name=\"Meera Rao\" ssn=512-34-8891", "another-key-0123456789")
    assert first == again != other


def test_substitutes_are_valid_for_their_type() -> None:
    k = Keyed(b"k" * 16)
    for value in ("1234567893", "1245319599", "1982736450"):
        assert v.npi(ids.npi(value, k))
    assert v.aadhaar(ids.digits_of(ids.aadhaar("2341 2341 2346", k)))
    nhs = ids.digits_of(ids.nhs("943 476 5919", k))
    assert nhs.startswith("999") and v.nhs(nhs)
    assert ids.nhs("943 476 5919", k)[3] == " "
    assert v.mbi(ids.mbi("1EG4-TE5-MK73", k).replace("-", ""))
    assert v.dea(ids.dea("AB1234563", k))
    assert v.pan(ids.in_pan("ABCPE1234F", k))
    assert v.iban(ids.iban("GB82 WEST 1234 5698 7654 32", k))
    assert ids.uk_phone if hasattr(ids, "uk_phone") else True
    assert ids.phone("+44 7911 123456", k).replace(" ", "").startswith("+447700900")
    assert ids.in_mobile("+91 98450 12345", k).startswith("+91 5")
    mrn = ids.shape("AB-004512", k)
    assert len(mrn) == 9 and mrn[2] == "-" and mrn[:2].isalpha() and mrn[3:].isdigit()


def test_policy_strategies() -> None:
    policy = parse_policy({"types": {"email": "redact", "us_ssn": "hash", "dob": "generalize", "person_name": "keep"}})
    engine = Engine(KEY.encode(), policy)
    assert engine.replace("email", "meera.rao@gmail.com") == "[REDACTED]"
    assert engine.replace("us_ssn", "512-34-8891").startswith("tok_")
    assert engine.replace("dob", "1984-03-12") == "1984"
    assert engine.replace("given_name", "Meera") == "Meera"
    with pytest.raises(ValueError):
        parse_policy({"types": {"email": "shred"}})


def test_library_stream_and_key_never_in_output(tmp_path: Path) -> None:
    sink = io.BytesIO()
    errors = deidentify_stream(io.BytesIO(b"mrn,name,ssn\r\nMRN-1234,Meera Rao,512-34-8891\r\n"), sink, KEY, "csv")
    assert errors == []
    data = sink.getvalue()
    assert data.startswith(b"mrn,name,ssn\r\n") and data.endswith(b"\r\n")
    assert b"Meera" not in data and KEY.encode() not in data


def test_generated_key_is_saved_not_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HMS_POLICY_DEIDENTIFY_KEY", raising=False)
    shutil.copy(DATA / "app.log", tmp_path / "app.log")
    key_file = tmp_path / "keys" / "run.key"
    assert main(["deidentify", str(tmp_path / "app.log"), "--out", str(tmp_path / "out"), "--key-file", str(key_file)]) == 0
    key = key_file.read_text().strip()
    printed = capsys.readouterr()
    assert str(key_file) in printed.err and key not in printed.out + printed.err
    assert key not in (tmp_path / "out" / "app.log").read_text()
    assert key_file.stat().st_mode & 0o077 == 0


def test_check_mode_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DATA / "patients.csv", tmp_path / "patients.csv")
    assert main(["deidentify", "--check", str(tmp_path / "patients.csv")]) == 1
    printed = capsys.readouterr().out
    assert "hms-policy deidentify" in printed and "--in-place" in printed
    _no_planted(printed)
    out = tmp_path / "out"
    assert main(["deidentify", str(tmp_path / "patients.csv"), "--out", str(out), "--key", KEY]) == 0
    assert main(["deidentify", "--check", str(out)]) == 0
    assert main(["deidentify", str(tmp_path / "patients.csv")]) == 2
    assert main(["deidentify", str(tmp_path / "nope.csv"), "--out", str(out)]) == 2
    assert main(["deidentify", str(tmp_path / "patients.csv"), "--in-place", "--key", KEY]) == 2  # not a clean git tree
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 3


def test_verification_fails_when_an_identifier_is_kept(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("types:\n  us_ssn: keep\n")
    code, _ = _run(tmp_path, "app.log", extra=("--policy", str(policy)))
    assert code == 0  # kept by policy: the user's choice, not a leak
    (tmp_path / "src" / "app.log").write_text('{"ssn": "512-34-8891", "note": "x"}\n')
    code, _ = _run(tmp_path, extra=("--no-verify",))
    assert code == 0


def test_utf16_bom_tsv_and_ndjson(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    text = "mrn\tgiven_name\tfamily_name\tssn\r\nMRN-004512\tMeera\tRao\t512-34-8891\r\n"
    (src / "people.tsv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (src / "events.ndjson").write_text('{"patient_name": "Meera Rao", "ssn": "512-34-8891", "n": 1}\nnot json at all\n\n')
    out = tmp_path / "out"
    assert main(["deidentify", str(src), "--out", str(out), "--key", KEY]) == 0
    data = (out / "people.tsv").read_bytes()
    assert data.startswith(b"\xff\xfe")
    rows = data[2:].decode("utf-16-le").split("\r\n")
    assert rows[0] == "mrn\tgiven_name\tfamily_name\tssn" and len(rows[1].split("\t")) == 4
    _no_planted(data[2:].decode("utf-16-le"))
    lines = (out / "events.ndjson").read_text().split("\n")
    event = json.loads(lines[0])
    assert set(event) == {"patient_name", "ssn", "n"} and event["n"] == 1
    assert lines[1] == "not json at all" and lines[2] == ""
    _no_planted((out / "events.ndjson").read_text())


def test_in_place_needs_a_clean_git_tree(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(DATA / "patients.csv", repo / "patients.csv")
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    assert main(["deidentify", str(repo / "patients.csv"), "--in-place", "--key", KEY]) == 2  # untracked: not clean
    subprocess.run([*git, "add", "patients.csv"], check=True)
    subprocess.run([*git, "commit", "-qm", "fixtures"], check=True)
    assert main(["deidentify", str(repo / "patients.csv"), "--in-place", "--key", KEY]) == 0
    _no_planted((repo / "patients.csv").read_text())
    assert main(["deidentify", "--check", str(repo / "patients.csv")]) == 0  # recognised by its manifest


def test_same_value_same_substitute_across_files_and_formats(tmp_path: Path) -> None:
    csv_out = deidentify_text("mrn,ssn,email\nMRN-1,512-34-8891,meera.rao@gmail.com\n", KEY, "csv")
    log_out = deidentify_text("patient ssn=512-34-8891 email=meera.rao@gmail.com\n", KEY)
    sql_out = deidentify_text("INSERT INTO patients (mrn, ssn, email) VALUES ('MRN-1', '512-34-8891', 'meera.rao@gmail.com');\n", KEY, "sql")
    row = csv_out.splitlines()[1].split(",")
    for value in row[1:]:
        assert value in log_out and value in sql_out


def test_fhir_xml_bundle_contained_narrative_and_comment(tmp_path: Path) -> None:
    code, out = _run(tmp_path, "patient.fhir.xml")
    assert code == 0
    text = (out / "patient.fhir.xml").read_text()
    before = ET.parse(DATA / "patient.fhir.xml").getroot()
    after = ET.fromstring(text.split("?>", 1)[1])
    assert [e.tag for e in before.iter()] == [e.tag for e in after.iter()]  # the same elements
    ns = {"f": "http://hl7.org/fhir"}
    patient_id = after.find(".//f:Patient/f:id", ns).get("value")  # type: ignore[union-attr]
    assert after.find(".//f:subject/f:reference", ns).get("value") == f"Patient/{patient_id}"  # type: ignore[union-attr]
    family = after.find(".//f:Patient/f:name/f:family", ns).get("value")  # type: ignore[union-attr]
    assert family in after.find(".//f:subject/f:display", ns).get("value")  # type: ignore[union-attr]
    assert after.find(".//f:contained//f:given", ns).get("value") != "Hope"  # type: ignore[union-attr]
    ssn = after.find(".//f:identifier/f:value", ns).get("value")  # type: ignore[union-attr]
    assert f"ssn {ssn}" in text  # the comment's SSN took the same substitute
    _no_planted(text)


def test_arbitrary_bytes_never_crash_and_round_trip_when_nothing_is_found() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=200), st.sampled_from(["csv", "tsv", "json", "ndjson", "yaml", "xml", "sql", "hl7", "text"]))
    def check(data: bytes, fmt: str) -> None:
        sink = io.BytesIO()
        try:
            deidentify_stream(io.BytesIO(data), sink, KEY, fmt)
        except Exception as exc:  # the whole-document formats may refuse broken input, never crash oddly
            raise AssertionError(f"{fmt}: {type(exc).__name__}") from exc
        if not any(c.isdigit() or c.isalpha() for c in data.decode("latin-1")):
            assert sink.getvalue() == data

    check()


def test_corrupt_gzip_is_reported_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "broken.log.gz").write_bytes(gzip.compress(b"ssn=512-34-8891\n" * 50)[:40] + b"garbage")
    shutil.copy(DATA / "app.log", src / "app.log")
    assert main(["deidentify", str(src), "--out", str(tmp_path / "out"), "--key", KEY]) == 0
    printed = capsys.readouterr().out
    assert "broken.log.gz" in printed and "no output written" in printed
    assert (tmp_path / "out" / "app.log").exists() and not (tmp_path / "out" / "broken.log.gz").exists()


def test_phones_with_extensions_and_dates_with_times() -> None:
    from hms_policy.deidentify.dates import shift_date

    k = Keyed(b"k" * 16)
    us = ids.phone("316.472.9452 x738", k)
    assert us.startswith(us[:4]) and us[4:12] == "555.01" + us[10:12] and " x" in us
    assert ids.phone("07911 123456", k).startswith("07700 900")
    assert ids.phone("787-444-3348", k, "en_IN")[0] == "5"
    assert shift_date("23-JUL-2019 01:08 PM", -40) == "13-JUN-2019 01:08 PM"
    assert shift_date("20240105083000", -5) == "20231231083000"
    assert shift_date("12/05/1931", -1, day_first=True) == "11/05/1931"
    assert shift_date("not a date", -1) is None
