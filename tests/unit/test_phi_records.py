"""Record-level PHI judgement: tables named for people, anchors, invented people."""

from __future__ import annotations

from pathlib import Path

import pytest

from hms_policy.detectors.phi.record import faker_phone, judge, synthetic_name, table_kind
from hms_policy.detectors.phi.records import JsonKeys, XmlElements
import hms_policy


@pytest.mark.parametrize("name", ["patient", "oh_patient", "person_name", "members", "PatientContacts", "insuree"])
def test_tables_named_for_people(name: str) -> None:
    assert table_kind(name) == "person"


@pytest.mark.parametrize("name", ["concept_name", "patient_identifier_type", "person_attribute_type", "list_options",
                                  "users", "OH_WARD", "groupMembers", "drug"])
def test_tables_not_named_for_people(name: str) -> None:
    assert table_kind(name) == "other"


@pytest.mark.parametrize("value", ["Horatio Test Banka", "John testlastN", "Super User", "Basic Patient 3", "firstName",
                                   "Abc Def", "xxx", "fhqb dw", "Rohan Rohan", "REQUIRED", "System"])
def test_invented_names(value: str) -> None:
    assert synthetic_name(value)


@pytest.mark.parametrize("value", ["Meenakshi Raghavan", "Tomasz Wierzbicki", "Lyn Ng", "Binda Bai Goswami", "Sunita"])
def test_realistic_names(value: str) -> None:
    assert not synthetic_name(value)


def test_faker_phone_extensions() -> None:
    assert faker_phone("316.472.9452 x738") and faker_phone("(555) 010-2000 ext. 12")
    assert not faker_phone("+91 98450 12345")


def test_judge_needs_an_anchor_in_a_whole_record() -> None:
    assert judge({"email"}, whole=True, person=False, table=None, strong=False, synthetic=False).keep == frozenset()
    both = judge({"person_name", "dob"}, whole=True, person=False, table=None, strong=False, synthetic=False)
    assert both.keep == {"person_name", "dob"}
    assert judge({"person_name", "dob"}, whole=True, person=True, table="other", strong=False, synthetic=False).keep == frozenset()
    assert judge({"us_ssn"}, whole=True, person=False, table="other", strong=False, synthetic=False).keep == {"us_ssn"}
    assert judge({"person_name", "dob"}, whole=True, person=True, table="person", strong=False, synthetic=True).keep == frozenset()


def test_judge_lone_values_outside_records() -> None:
    loose = judge({"email", "person_name", "clinical_field"}, whole=False, person=False, table=None, strong=False, synthetic=False)
    assert loose.keep == {"email", "person_name", "clinical_field"}  # anchored by the name
    assert judge({"email"}, whole=False, person=False, table=None, strong=False, synthetic=False).keep == frozenset()
    assert judge({"dob"}, whole=False, person=True, table=None, strong=False, synthetic=False).keep == {"dob"}


def test_json_keys_track_people_and_objects() -> None:
    keys = JsonKeys()
    lines = ['{', '  "patients": [', '    {', '      "name": "x",', '    }', '  ],', '  "wards": [', '    {"name": "y"}', '  ]', '}']
    seen = [(keys.feed(line), keys.record) for line in lines]
    assert seen[3][0] and not seen[7][0]
    assert seen[3][1] != seen[0][1]


def test_a_person_inside_a_place_is_an_office_holder_not_a_patient() -> None:
    keys = JsonKeys()
    lines = ['{"wards": [', '  {"person": {', '    "name": "x"}},', '  {"patients": [', '    {"name": "y"}]}', ']}', '{"person": {', '  "name": "z"}}']
    seen = [keys.feed(line) for line in lines]
    assert not seen[2]  # a ward's councillor
    assert seen[4]  # a ward's patients stay patients
    assert seen[7]  # a person outside any place is still a person


def test_xml_elements_span_lines() -> None:
    elements = XmlElements()
    assert elements.feed('<person_name given_name="A" middle_name="B"') == ("person_name", False)
    assert elements.feed('             family_name="C"/>') == ("person_name", False)
    assert elements.feed('<drug name="D"/>') == ("drug", True)
    assert elements.feed("  <sql>") == (None, False)


def _phi(tmp_path: Path) -> set[tuple[str, int, str]]:
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    return {(f.path, f.line, f.rule_id) for f in report.findings if f.rule_id.startswith("PHI")}


def test_an_invented_name_withdraws_its_whole_multi_line_record(tmp_path: Path) -> None:
    (tmp_path / "people.xml").write_text(
        '<dataset>\n'
        '  <person_name person_id="1" given_name="Horatio"\n'
        '       middle_name="Test" family_name="Banerjee"/>\n'
        '  <person_name person_id="2" given_name="Horatio" family_name="Sandoval"/>\n'
        '  <person_name person_id="3" given_name="Lakshmi" family_name="Venkatesan"/>\n'
        '  <person_name person_id="4" given_name="Oskar" family_name="Lindqvist"/>\n'
        '  <person_name person_id="5" given_name="Amara" family_name="Okonkwo"/>\n'
        '</dataset>\n'
    )
    # Horatio is reused from the invented person; 2 invented of 5 people is no test dataset
    assert _phi(tmp_path) == {("people.xml", n, "PHI008") for n in (5, 6, 7)}


def test_a_file_of_invented_people_is_a_test_dataset(tmp_path: Path) -> None:
    rows = "".join(f"{n},Patient {n},45,98450{n:05d},{n} Main Street\n" for n in range(1, 5))
    (tmp_path / "import.csv").write_text("id,full_name,age,phone,address\n" + rows + "5,Meenakshi Raghavan,61,9845012345,14 Gandhi Road\n")
    assert not _phi(tmp_path)


def test_lone_names_in_test_fixtures_are_withdrawn(tmp_path: Path) -> None:
    fixture = tmp_path / "src" / "test" / "resources"
    fixture.mkdir(parents=True)
    (fixture / "people.xml").write_text('<dataset>\n  <person_name person_id="9" given_name="Lakshmi" family_name="Venkatesan"/>\n</dataset>\n')
    (tmp_path / "people.xml").write_text('<dataset>\n  <person_name person_id="9" given_name="Lakshmi" family_name="Venkatesan"/>\n</dataset>\n')
    assert _phi(tmp_path) == {("people.xml", 2, "PHI008")}


def test_xml_elements_nest_people() -> None:
    elements = XmlElements()
    seen = []
    for line in ["<export>", '  <patient id="1">', "    <name>A B</name>", "  </patient>", '  <facility code="N">',
                 "    <name>North</name>", "  </facility>", '  <person_name a="1"', '     b="2"/>', "  <drug>"]:
        elements.feed(line)
        seen.append(elements.person)
    assert seen == [False, True, True, False, False, False, False, False, False, False]


def test_a_persons_name_and_contacts_belong_to_the_resource_record() -> None:
    """A FHIR name, telecom or address entry is a part of its resource (its owner), so an
    invented name there withdraws the resource's phone and date of birth as well; each part
    stays a record of its own for the lone-value judgement."""
    from hms_policy.detectors.phi.records import JsonKeys

    keys = JsonKeys()
    owners, records = {}, {}
    lines = ['{', '"resourceType": "Patient",', '"name": [', '{', '"family": "Doe",', '}', '],',
             '"telecom": [', '{', '"value": "(205) 999 2800"', '}', '],', '"extension": [', '{', '"url": "x"', '}', ']', '}']
    for i, line in enumerate(lines):
        keys.feed(line)
        owners[i], records[i] = keys.owner, keys.record
    assert owners[1] == owners[4] == owners[9]  # the resource, its name and its telecom
    assert records[4] != records[1]  # the name entry is still a record of its own
    assert owners[14] != owners[1]  # an extension is an object of its own


def test_in_a_fixture_one_invented_person_of_two_marks_both(tmp_path: Path) -> None:
    header = "last_name,first_name,date_of_birth,street,city,phone,email\n"
    rows = ("Doe,Jane,11/3/1980,1234 Main Street,Anchorage,410-867-5309,jane@testingorg.com\n"
            "Samuels,Sally,8/15/1985,987 Main Street,Anchorage,410-867-1111,sally@testingorg.com\n")
    fixture = tmp_path / "src" / "test" / "resources"
    fixture.mkdir(parents=True)
    (fixture / "upload.csv").write_text(header + rows)
    # outside a test, one invented person of two is not yet a dataset of invented people
    # (the e-mail domain is changed so only the named person is marked)
    (tmp_path / "upload.csv").write_text(header + rows.replace("testingorg", "alaskamail"))
    found = _phi(tmp_path)
    assert not {f for f in found if f[0].startswith("src/")}
    assert ("upload.csv", 3, "PHI008") in found and ("upload.csv", 2, "PHI008") not in found


@pytest.mark.parametrize("line, made_up", [
    ("bla@fake-email19082304.com", True), ("sally@testingorg.com", True), ("a@dummy-mail.net", True),
    ("meena@contest.in", False), ("ravi@latestnews.com", False), ("sally@alaskamail.com", False),
])
def test_made_up_email_domains(line: str, made_up: bool) -> None:
    from hms_policy.detectors.phi.formats import placeholder_email_in

    assert placeholder_email_in(line) is made_up


_COVERAGE = """{
  "resourceType" : "Coverage",
  "id" : "cov-1",
  "status" : "active",
  "subscriberId" : "%s",
  "beneficiary" : {
    "reference" : "Patient/123456789"
  }
}
"""


def test_a_member_number_typed_as_a_pattern_marks_an_invented_record(tmp_path: Path) -> None:
    (tmp_path / "patterned").mkdir()
    (tmp_path / "patterned" / "Coverage.json").write_text(_COVERAGE % "ABB2BB0BB22")
    assert not _phi(tmp_path / "patterned")
    (tmp_path / "issued").mkdir()
    (tmp_path / "issued" / "Coverage.json").write_text(_COVERAGE % "W7K2M9Q4X1Z")
    assert ("Coverage.json", 5, "PHI006") in _phi(tmp_path / "issued")
