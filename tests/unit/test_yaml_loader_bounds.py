"""The YAML loader is bounded: bombs, deep nesting and templates end in a ParseError, fast."""

from __future__ import annotations

import json

import pytest

from hms_policy.targets.document import ParseError
from hms_policy.targets.parsers.yamlish import LARGE_JSON, MAX_NODES, load_documents


def _laughs(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused() -> None:
    with pytest.raises(ParseError, match="alias expansion bomb"):
        load_documents(_laughs(9))  # 9**9 values if expanded


def test_small_alias_use_is_fine() -> None:
    (doc,) = load_documents(_laughs(3))
    assert len(doc.value["c"]) == 9 and doc.value["c"][0][0][0] == "lol"
    assert 9**3 < MAX_NODES


@pytest.mark.parametrize("text", ["[" * 200_000, "{a: " * 200_000, "- " * 200_000 + "x"])
def test_deep_nesting_is_refused_without_recursion(text: str) -> None:
    # PyYAML's recursive composer overflowed the C stack on these (a segfault, not an error).
    with pytest.raises(ParseError, match="nesting deeper"):
        load_documents(text)


def test_recursive_alias_is_an_error() -> None:
    with pytest.raises(ParseError, match="alias"):
        load_documents("a: &a [*a]\n")


def test_merge_keys_anchors_and_lines() -> None:
    text = "base: &b\n  image: pg:16\n  env: {A: 1}\nsvc:\n  <<: *b\n  image: other\n  copy: *b\n"
    (doc,) = load_documents(text)
    assert doc.value["svc"] == {"image": "other", "env": {"A": 1}, "copy": {"image": "pg:16", "env": {"A": 1}}}
    assert doc.positions[("svc", "image")] == 6
    assert doc.positions[("svc", "env")] == 3  # merged from the anchor
    assert doc.positions[("svc", "copy", "env", "A")] == 3


def test_intrinsic_tags_and_multi_documents() -> None:
    docs = load_documents("a: !Ref X\nb: !GetAtt R.Arn\nc: !Sub ['${x}', {x: !Ref Y}]\n---\n- 1\n---\n")
    assert docs[0].value == {"a": {"Ref": "X"}, "b": {"Fn::GetAtt": ["R", "Arn"]}, "c": {"Fn::Sub": ["${x}", {"x": {"Ref": "Y"}}]}}
    assert docs[1].value == [1] and docs[1].start_line == 5
    assert docs[2].value is None


def test_go_template_is_a_parse_error_not_a_crash() -> None:
    with pytest.raises(ParseError, match="invalid YAML"):
        load_documents("spec:\n{{- if .Values.x }}\n  replicas: {{ .Values.n }}\n{{- end }}\n")


def test_a_large_json_file_is_read_whole_without_key_lines() -> None:
    entries = [{"resource": {"resourceType": "Observation", "id": f"obs-{i}", "valueQuantity": {"value": i}}} for i in range(20000)]
    text = json.dumps({"resourceType": "Bundle", "entry": entries}, indent=2)
    assert len(text) > LARGE_JSON
    (document,) = load_documents(text)
    assert document.value["entry"][19999]["resource"]["id"] == "obs-19999"
    assert document.positions == {(): 1}  # findings in it point at its first line
    assert document.end_line == text.count("\n")


def test_a_large_file_that_is_not_json_is_read_as_yaml() -> None:
    text = "[a, b]\n" + "key: value\n" * 120000  # opens like JSON, is not: YAML decides
    with pytest.raises(ParseError):
        load_documents(text)
