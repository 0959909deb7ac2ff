"""The PHI pass over whole files: bounded reporting, --min-confidence, structured inputs,
hostile inputs, and the redaction invariant."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import hms_policy
from hms_policy.cli import main
from hms_policy.report.formats import FORMATS, render

PHI_RULES = {"LOG001", "LOG002"} | {f"PHI{n:03d}" for n in range(1, 17)}


def phi_findings(report):  # type: ignore[no-untyped-def]
    return [f for f in report.findings if f.rule_id in PHI_RULES]


def scan(path: Path, **kwargs):  # type: ignore[no-untyped-def]
    return hms_policy.scan([path], jobs=1, cache=False, read_project_settings=False, **kwargs)


def test_many_leaks_give_a_bounded_set_with_a_total(tmp_path: Path) -> None:
    lines = [f"2026-01-01T00:00:{i % 60:02d}Z INFO patient ssn=512-34-{1000 + i % 8000:04d}" for i in range(3000)]
    (tmp_path / "app.log").write_text("\n".join(lines) + "\n")
    found = [f for f in scan(tmp_path).findings if f.rule_id == "LOG001"]
    assert len(found) == 20
    assert [f.line for f in found] == list(range(1, 21))
    assert found[-1].extra["total_in_file"] == 3000
    assert "20 of 3000" in found[-1].message
    assert all("total_in_file" not in f.extra for f in found[:-1])
    assert len({f.fingerprint for f in found}) == 20


def test_one_finding_per_line_and_type(tmp_path: Path) -> None:
    (tmp_path / "a.log").write_text("patient ssn=512-34-8891 spouse_ssn=529-71-4402 dob=1975-04-12\n")
    found = phi_findings(scan(tmp_path))
    assert sorted(f.rule_id for f in found) == ["LOG001", "PHI007"]


def test_min_confidence_filters_and_the_cap_counts_after_it(tmp_path: Path) -> None:
    # 30 bare SSN-shaped values (0.5), then 3 labelled ones (0.95).
    lines = ["INFO queued 512-34-8891"] * 30 + ["INFO patient ssn=512-34-8891"] * 3
    (tmp_path / "app.log").write_text("\n".join(lines) + "\n")
    assert len([f for f in scan(tmp_path).findings if f.rule_id == "LOG001"]) == 20
    strict = [f for f in scan(tmp_path, min_confidence=0.9).findings if f.rule_id == "LOG001"]
    assert [f.line for f in strict] == [31, 32, 33]
    assert strict[-1].extra["total_in_file"] == 3


def test_cli_min_confidence_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "app.log").write_text("INFO queued 512-34-8891\nINFO patient ssn=529-71-4402\n")
    main(["scan", str(tmp_path), "--no-cache", "-f", "json", "--min-confidence", "0.9"])
    report = json.loads(capsys.readouterr().out)
    assert [f["line"] for f in report["findings"] if f["rule_id"] == "LOG001"] == [2]
    assert main(["scan", str(tmp_path), "--min-confidence", "2"]) == 2


def test_redaction_keeps_label_and_last_characters_only(tmp_path: Path) -> None:
    (tmp_path / "a.log").write_text('2026 INFO admit Jane Roe patient_name="Asha Verma" ssn=512-34-8891 ward=4B\n')
    report = scan(tmp_path)
    ssn = next(f for f in report.findings if f.rule_id == "LOG001")
    assert ssn.snippet == "******** ssn=********8891 ********"
    assert ssn.confidence == 0.95
    for name in FORMATS:
        out = render(report, name)
        for value in ("512-34", "Asha", "Verma", "Jane Roe", "ward=4B"):
            assert value not in out, (name, value)


def test_fixtures_leak_nothing_in_any_format() -> None:
    root = Path(__file__).resolve().parents[1] / "rules"
    dirs = [root / r for r in sorted(PHI_RULES)]
    report = hms_policy.scan(dirs, jobs=1, cache=False, read_project_settings=False)
    assert len(phi_findings(report)) >= 40
    planted = ["512-34-8891", "401-23-6789", "401236789", "2341 2341 2346", "738291046580", "91-4172-8853-6021",
               "ravi.kumar@abdm", "9434765919", "00482913", "HX99812734", "1975-04-12", "Asha Verma", "Omar",
               "Baker Street", "98123 45670", "392-4871", "asha.verma@", "omar.haddad", "4539 1488 0343",
               "GB82 WEST", "ABCPE1234F", "1982736450", "FM7294818", "81.2.69.160", "pneumonia", "1EG4-TE5"]
    for name in FORMATS:
        out = render(report, name)
        for value in planted:
            assert value not in out, (name, value)


def test_structured_inputs(tmp_path: Path) -> None:
    (tmp_path / "patients.csv").write_text("id,first_name,dob,ssn,notes\n1,Asha,1975-04-12,529-71-4402,ok\n2,Test,XXXX-XX-XX,***-**-4402,\n")
    (tmp_path / "dump.sql").write_text(
        "CREATE TABLE `patients` (\n  `id` int,\n  `full_name` varchar(100),\n  `ssn` varchar(11)\n);\n"
        "INSERT INTO `patients` VALUES (1,'Maria Lopez','512348891'),(2,'Omar Haddad',NULL);\n"
        "COPY public.members (id, member_id, birth_date) FROM stdin;\n7\tHX99812734\t1969-07-20\n\\.\n"
    )
    (tmp_path / "feed.hl7").write_text(
        "MSH|^~\\&|ADT|HOSP|||202611021010||ADT^A01|77|P|2.5\r"
        "PID|1||00482913^^^HOSP^MR||LOPEZ^MARIA||19690720|F|||12 Elm Road^^Boston^MA^02139||(617)392-4871||||||529-71-4402\r"
        "DG1|1||E11.9^Type 2 diabetes^I10\r"
    )
    (tmp_path / "patient.json").write_text(json.dumps({
        "resourceType": "Bundle", "entry": [
            {"resource": {"resourceType": "Patient", "name": [{"family": "Okonkwo", "given": ["Chidinma"]}], "birthDate": "1974-12-25",
                          "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "6348712052"}]}},
            {"resource": {"resourceType": "Practitioner", "name": [{"family": "Careful", "given": ["Adam"]}]}},
            {"resource": {"resourceType": "Condition", "subject": {"reference": "Patient/1"}}},
        ]}, indent=2))
    got = {(f.path, f.line, f.rule_id) for f in phi_findings(scan(tmp_path))}
    assert {("patients.csv", 2, "LOG001"), ("patients.csv", 2, "PHI007"), ("patients.csv", 2, "PHI008")} <= got
    assert not any(p == "patients.csv" and line == 3 for p, line, _ in got)
    assert {("dump.sql", 6, "LOG001"), ("dump.sql", 6, "PHI008"), ("dump.sql", 8, "PHI006"), ("dump.sql", 8, "PHI007")} <= got
    hl7 = {r for p, line, r in got if p == "feed.hl7" and line == 2}
    assert {"LOG001", "PHI006", "PHI007", "PHI008", "PHI009", "PHI010"} <= hl7
    assert ("feed.hl7", 3, "PHI016") in got
    fhir = {(line, r) for p, line, r in got if p == "patient.json"}
    assert {r for _, r in fhir} >= {"PHI005", "PHI007", "PHI008", "PHI016"}
    practitioner_lines = [n for n, text in enumerate((tmp_path / "patient.json").read_text().splitlines(), 1) if "Careful" in text or "Adam" in text]
    assert not any(line in practitioner_lines for line, _ in fhir)


@pytest.fixture
def small_stream_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    import hms_policy.targets.discover as discover
    import hms_policy.targets.document as document

    monkeypatch.setattr(discover, "STREAM_ABOVE_BYTES", 4096)
    monkeypatch.setattr(document, "BLOCK_BYTES", 8192)


def test_hostile_logs_are_scanned_as_far_as_readable(tmp_path: Path, small_stream_threshold: None) -> None:
    # A single line far longer than a block, with an identifier at its end.
    (tmp_path / "long.log").write_text("x" * 200_000 + " patient ssn=512-34-8891\nnext patient ssn=529-71-4402\n")
    (tmp_path / "nul.log").write_bytes(b"\x00\x00 patient ssn=512-34-8891\n\xff\xfe patient aadhaar=2341 2341 2346\n" + b"\x00" * 5000)
    data = gzip.compress(b"".join(b"INFO patient ssn=512-34-%04d\n" % (1000 + i) for i in range(4000)))
    (tmp_path / "cut.log.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "garbage.log.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00garbage" * 100)
    (tmp_path / "app.log.1").write_text("rotated patient ssn=512-34-8891\n")
    report = scan(tmp_path)
    found = {(f.path, f.line, f.rule_id) for f in phi_findings(report)}
    assert {("long.log", 1, "LOG001"), ("long.log", 2, "LOG001"), ("nul.log", 1, "LOG001"), ("nul.log", 2, "PHI002"),
            ("app.log.1", 1, "LOG001")} <= found
    cut = [f for f in report.findings if f.path == "cut.log.gz"]
    assert cut and cut[-1].extra["total_in_file"] > 100
    errors = {e.path: e for e in report.errors}
    assert errors["cut.log.gz"].reason == "decode" and errors["garbage.log.gz"].reason == "decode"
    assert len([e for e in report.errors if e.path == "cut.log.gz"]) == 1


def test_streamed_log_snippets_come_from_pinned_lines(tmp_path: Path, small_stream_threshold: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from hms_policy.targets.document import Document

    lines = ["2026 INFO nothing to see here"] * 2000 + ["2026 INFO patient ssn=512-34-8891"]
    (tmp_path / "big.log").write_text("\n".join(lines) + "\n")

    def no_second_read(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the streamed log was read line by line again")

    monkeypatch.setattr(Document, "iter_lines", no_second_read)
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False, policies=["hipaa"], disable=[r for r in _non_phi_rules()])
    (finding,) = [f for f in report.findings if f.rule_id == "LOG001"]
    assert finding.line == 2001 and finding.snippet == "******** ssn=********8891"


def _non_phi_rules() -> list[str]:
    from hms_policy.api import load_catalogue

    return [r for r in load_catalogue(["hipaa"]).rules.rules if r not in PHI_RULES]


def test_config_files_need_patient_context_for_contact_details(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("maintainer_email: alice.w@hospital.org\nsupport_phone: +1 617 392 4871\nseed_patient:\n  patient_ssn: 512-34-8891\n")
    got = {(f.line, f.rule_id) for f in phi_findings(scan(tmp_path))}
    assert got == {(4, "LOG001")}


def test_identifiers_in_query_strings_are_a_second_finding(tmp_path: Path) -> None:
    (tmp_path / "access.log").write_text('81.2.69.160 - - [02/Nov/2026] "GET /lookup?ssn=512-34-8891&aadhaar=2341%202341%202346 HTTP/1.1" 200 5\n')
    got = {f.rule_id for f in phi_findings(scan(tmp_path))}
    assert {"LOG001", "LOG002", "PHI002", "PHI015"} <= got


def test_large_data_files_are_streamed_and_system_logs_recognised(tmp_path: Path, small_stream_threshold: None) -> None:
    rows = "".join(f"{i},Asha,Verma,1975-04-12\n" for i in range(400))
    (tmp_path / "export.csv").write_text("id,first_name,last_name,date_of_birth\n" + rows)
    (tmp_path / "messages").write_text("Nov  2 10:01:02 ehr-3 app[22]: patient ssn=512-34-8891 admitted\n")
    (tmp_path / "access_log-20261102.gz").write_bytes(gzip.compress(b'81.2.69.160 - - [02/Nov/2026] "GET /lookup?ssn=512-34-8891 HTTP/1.1" 200\n'))
    report = scan(tmp_path, max_file_bytes=2048)
    assert not [e for e in report.errors if e.path == "export.csv"]
    dob = [f for f in report.findings if f.path == "export.csv" and f.rule_id == "PHI007"]
    assert len(dob) == 20 and dob[-1].extra["total_in_file"] == 400
    assert {("messages", "LOG001"), ("access_log-20261102.gz", "LOG001")} <= {(f.path, f.rule_id) for f in report.findings}


def test_min_confidence_from_project_settings(tmp_path: Path) -> None:
    (tmp_path / ".hms-policy.yaml").write_text("min_confidence: 0.9\n")
    (tmp_path / "app.log").write_text("INFO queued 512-34-8891\nINFO patient ssn=529-71-4402\n")
    report = hms_policy.scan([tmp_path], jobs=1, cache=False)
    assert [f.line for f in report.findings if f.rule_id == "LOG001"] == [2]


def test_a_test_range_nhs_number_marks_a_test_patient(tmp_path: Path) -> None:
    """NHS numbers beginning with 9 are never issued (999 is reserved for test data; the Spine's
    test patients are 9449...): the record holding one is a test patient's."""
    def bundle(nhs_number: str) -> str:
        return json.dumps({"resourceType": "Bundle", "entry": [{"resource": {
            "resourceType": "Patient", "name": [{"family": "Okonkwo", "given": ["Chidinma"]}], "birthDate": "1974-12-25",
            "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": nhs_number}]}}]}, indent=2)

    (tmp_path / "spine_test.json").write_text(bundle("9449304130"))
    (tmp_path / "live.json").write_text(bundle("6348712052"))
    got = {(f.path, f.rule_id) for f in phi_findings(scan(tmp_path))}
    assert not any(p == "spine_test.json" for p, _ in got)
    assert {("live.json", "PHI005"), ("live.json", "PHI008"), ("live.json", "PHI007")} <= got
