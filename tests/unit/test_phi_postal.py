"""US addresses that disagree with themselves (a ZIP from another state's area) describe nobody."""

from __future__ import annotations

from pathlib import Path

import pytest

import hms_policy
from hms_policy.detectors.phi.postal import AddressCheck, column_pairs, hl7_invented_address, invented_address


@pytest.mark.parametrize("state, zip_code", [("AZ", "20782"), ("TX", "23707-6278"), ("IG", "59206"), ("California", "10001"), ("MA", "90210")])
def test_a_zip_from_another_area_or_a_state_nobody_has(state: str, zip_code: str) -> None:
    assert invented_address(state, zip_code)


@pytest.mark.parametrize(
    "state, zip_code",
    [
        ("AZ", "85201"), ("TX", "88510"), ("NY", "00501"), ("CA", "92868-1234"), ("Arizona", "85201"), ("PR", "00901"),
        ("ON", "K1A 0B1"),  # a Canadian province and postcode: no evidence
        ("MH", "400001"),  # an Indian state code and PIN: not a US ZIP
        ("NA", "00000"), ("", "20782"), ("AZ", ""), ("AZ", "*****"), ("az", "85201"), ("ig", "20782"),  # missing, masked, lower case
    ],
)
def test_consistent_foreign_or_missing_addresses_are_no_evidence(state: str, zip_code: str) -> None:
    assert not invented_address(state, zip_code)


def test_columns_pair_by_prefix() -> None:
    names = "Patient_last_name,Patient_state,Patient_zip_code,Testing_lab_state,Testing_lab_zip_code,state,postalCode,zip_code_type".split(",")
    assert column_pairs(names) == [(1, 2), (3, 4), (5, 6)]


def test_hl7_address_components() -> None:
    assert hl7_invented_address("480 S Main St^^Orange^NJ^92868^USA")
    assert not hl7_invented_address("480 S Main St^^Orange^CA^92868^USA")
    assert not hl7_invented_address("^^^^^USA^H")


def test_a_multi_line_address_is_judged_per_record() -> None:
    check = AddressCheck()
    assert not check.feed(1, '"state": "AZ",')
    assert check.feed(1, '"postalCode": "20782"')
    assert not check.feed(2, '"postalCode": "20782"')  # a new record forgets the old state
    assert not check.feed(None, '"state": "AZ",')
    assert not check.feed(None, '"postalCode": "20782"')  # no record: only a line's own pair


def _phi(tmp_path: Path) -> set[tuple[str, int, str]]:
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    return {(f.path, f.line, f.rule_id) for f in report.findings if f.rule_id.startswith("PHI")}


HEADER = "last_name,first_name,date_of_birth,street,city,state,zip_code,phone\n"


def test_generated_rows_are_withdrawn_and_a_consistent_record_stays(tmp_path: Path) -> None:
    # Faker draws state and ZIP apart: every row here disagrees with itself, so the file is generated
    generated = "".join(f"Grimes{c},Geralyn,1970-05-1{n},{n}149 Kelly Mills,Bertfurt,{s},{z},301358862{n}\n"
                        for n, (c, s, z) in enumerate([("a", "AZ", "20782"), ("b", "TX", "23707"), ("c", "OH", "99501")]))
    (tmp_path / "generated.csv").write_text(HEADER + generated)
    # one real-looking record whose ZIP belongs to its state is still reported
    (tmp_path / "intake.csv").write_text(HEADER + "Okafor,Chidinma,1984-03-22,1420 Alma School Rd,Mesa,AZ,85210,4805550199\n".replace("5550199", "6120199"))
    found = _phi(tmp_path)
    assert not {f for f in found if f[0] == "generated.csv"}
    assert ("intake.csv", 2, "PHI008") in found and ("intake.csv", 2, "PHI007") in found


def test_an_hl7_patient_with_a_mismatched_address_is_invented(tmp_path: Path) -> None:
    msh = "MSH|^~\\&|LAB|FAC|APP|FAC|20230302||ORU^R01|1|P|2.5.1\n"
    (tmp_path / "invented.hl7").write_text(msh + "PID|1||4471209^^^HOSP^MR||Haiti^Lula^Mendez||19661012|F|||480 S Main St^^Orange^NJ^92868^USA||4108952894\n")
    (tmp_path / "real.hl7").write_text(msh + "PID|1||4471209^^^HOSP^MR||Haiti^Lula^Mendez||19661012|F|||480 S Main St^^Orange^CA^92868^USA||4108952894\n")
    found = _phi(tmp_path)
    assert not {f for f in found if f[0] == "invented.hl7"}
    assert ("real.hl7", 2, "PHI008") in found


def test_a_fhir_patient_whose_address_disagrees_is_withdrawn(tmp_path: Path) -> None:
    def patient(state: str) -> str:
        return (
            '{\n  "resourceType": "Patient",\n  "name": [{"family": "Okafor", "given": ["Chidinma"]}],\n'
            '  "birthDate": "1984-03-22",\n  "address": [{\n    "line": ["1420 Alma School Rd"],\n'
            f'    "city": "Mesa",\n    "state": "{state}",\n    "postalCode": "85210"\n  }}]\n}}\n'
        )
    (tmp_path / "invented.json").write_text(patient("VT"))
    (tmp_path / "real.json").write_text(patient("AZ"))
    found = _phi(tmp_path)
    assert not {f for f in found if f[0] == "invented.json"}
    assert {f for f in found if f[0] == "real.json"}
