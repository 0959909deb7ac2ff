"""Terraform parsing: both converters give one tree, values and lines are right, and bad input
becomes one clear error, never a crash or a hang."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest

from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, ParseError, SourceFile
from hms_policy.targets.parsers import parser_for
from hms_policy.targets.parsers.hcl import block_nodes
from hms_policy.targets.terraform import files, hclast, treesitter
from hms_policy.targets.terraform.expressions import evaluator
from hms_policy.targets.terraform.evaluate import Evaluator, no_references

SAMPLE = r'''
variable "x" {
  type    = bool
  default = "a"
}
locals { y = 1 }
resource "aws_s3_bucket" "b" {
  count     = var.n
  bucket    = "${var.x}-b"
  plain     = "abc\"d \u00e9 $${literal}"
  spaced    = "${local.p} Security Group"
  num       = 1.5
  int       = 42
  neg       = -3
  flag      = true
  nothing   = null
  tags      = { Name = "x", "k-2" = 2 }
  cidr      = ["0.0.0.0/0", var.c]
  cond      = var.a ? "x" : "y"
  fn        = merge(local.a, { b = 1 })
  ref       = aws_kms_key.k.arn
  sum       = (1 + 2) * 3
  both      = var.a.b && !local.c[0] || -var.n > 2
  policy    = <<EOT
{"Statement": [{"Resource": "${aws_s3_bucket.b.arn}"}]}
EOT
  dynamic "rule" {
    for_each = var.r
    content { a = rule.value }
  }
  provisioner "local-exec" { command = "echo" }
  ingress {
    from_port = 22
  }
  ingress {
    from_port = 443 # a comment
  }
}
'''


def _doc(text: str, name: str = "main.tf") -> Document:
    data = text.encode()
    return Document(SourceFile(name, TargetKind.TERRAFORM, len(data), "0" * 64, data), parser_for(TargetKind.TERRAFORM, name))


def _view(hcl: hclast.HclFile) -> list[tuple[object, ...]]:
    return [(n.ref, n.kind, json.dumps(n.value, sort_keys=True), n.span, sorted(n.positions.items())) for n in block_nodes(hcl)]


def _evaluated(hcl: hclast.HclFile) -> list[object]:
    ev = evaluator(hcl.text, no_references)
    return [[(a.name, repr(ev(a.expr))) for a in block.body.attributes] for block in hcl.body.blocks]


def _shape(x: object) -> object:
    """The syntax tree without character offsets: both converters must build the same one."""
    if isinstance(x, hclast.HclFile):
        return _shape(x.body)
    if isinstance(x, hclast.Body):
        return (tuple((a.name, _shape(a.expr)) for a in x.attributes), tuple(_shape(b) for b in x.blocks))
    if isinstance(x, hclast.Block):
        return (x.type, x.labels, _shape(x.body))
    if dataclasses.is_dataclass(x):
        return (type(x).__name__, *(_shape(getattr(x, f.name)) for f in dataclasses.fields(x) if f.name not in ("start", "end")))
    if isinstance(x, (list, tuple)):
        return tuple(_shape(i) for i in x)
    return x


def _lark(text: str) -> hclast.HclFile:
    import hcl2

    return hclast.convert_file(hcl2.parses_to_tree(text), text, "main.tf")


needs_tree_sitter = pytest.mark.skipif(not treesitter.available(), reason="tree-sitter-hcl not installed")


@needs_tree_sitter
def test_tree_sitter_and_python_hcl2_give_the_same_tree() -> None:
    fast, slow = treesitter.convert(SAMPLE, "main.tf"), _lark(SAMPLE)
    assert _shape(fast) == _shape(slow)
    assert _evaluated(fast) == _evaluated(slow)
    # The parser's own view (values as written) is built without evaluation on the fast path.
    bucket = block_nodes(fast)[2].value
    assert bucket["count"] == "${var.n}" and bucket["bucket"] == "${var.x}-b" and bucket["flag"] is True
    assert bucket["plain"] == 'abc"d \u00e9 ${literal}' and bucket["neg"] == -3 and bucket["nothing"] is None
    assert bucket["tags"] == {"Name": "x", "k-2": 2} and bucket["ingress"] == [{"from_port": 22}, {"from_port": 443}]
    assert bucket["dynamic"] == [{"rule": {"for_each": "${var.r}", "content": [{"a": "${rule.value}"}]}}]


FIXTURES = sorted((Path(__file__).resolve().parents[1] / "rules").rglob("*.tf"))


@needs_tree_sitter
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_fixtures_convert_the_same_with_both_parsers(path: Path) -> None:
    text = path.read_text()
    try:
        slow = _lark(text)
    except Exception:  # noqa: BLE001 - any python-hcl2 failure means "not comparable"
        pytest.skip("python-hcl2 cannot read it")
    fast = treesitter.convert(text, "main.tf")
    assert _shape(fast) == _shape(slow)
    assert [(n.ref, n.span, sorted(n.positions.items())) for n in block_nodes(fast)] == [
        (n.ref, n.span, sorted(n.positions.items())) for n in block_nodes(slow)
    ]


def test_values_and_lines_of_a_resource() -> None:
    doc = _doc(SAMPLE)
    bucket = next(n for n in doc.nodes if n.ref == "aws_s3_bucket.b")
    assert bucket.kind == "aws_s3_bucket" and bucket.span.start == 7
    assert bucket.line_of(("ingress", 1, "from_port")) == 36
    assert bucket.line_of(("tags",)) == 17 and bucket.line_of(("dynamic", 0, "rule")) == 27
    assert doc.errors == []


def test_provider_alias_and_module_refs() -> None:
    doc = _doc('provider "aws" {\n  alias = "eu"\n  region = "eu-west-1"\n}\nmodule "db" {\n  source = "./db"\n}\n')
    assert [n.ref for n in doc.nodes] == ["provider.aws.eu", "module.db"]


@pytest.mark.parametrize(
    "text",
    [
        'resource "aws_s3_bucket" "b" {\n  acl = \n}\n',
        'resource "aws_s3_bucket" "b" {\n  acl = "private"\n',
        "{{ cookiecutter.project }} = 1\n",
        'resource "x" "y" { a = "unterminated }\n',
    ],
)
def test_malformed_hcl_is_one_clear_error(text: str) -> None:
    doc = _doc(text)
    assert doc.nodes == []
    assert len(doc.errors) == 1
    message = doc.errors[0].message
    assert message.startswith("cannot parse: invalid HCL") and "\n" not in message and "Traceback" not in message
    assert doc.lines  # the text view stays for secret and PHI rules


def test_huge_file_is_refused_quickly() -> None:
    text = 'resource "a" "b" {\n' + '  x = "' + "y" * 200 + '"\n' * 1 + "}\n"
    big = text * (files.MAX_HCL_BYTES // len(text) + 10)
    started = time.perf_counter()
    doc = _doc(big)
    assert doc.nodes == []
    assert "parse limit" in doc.errors[0].message
    assert time.perf_counter() - started < 5


def test_deep_nesting_does_not_crash() -> None:
    text = "x = " + "[" * 3000 + "]" * 3000 + "\n"
    doc = _doc(text, "deep.tf")
    _ = doc.nodes  # either parsed or one error: never an exception
    assert len(doc.errors) <= 1


def test_parse_cache_returns_the_same_tree_under_another_path() -> None:
    first = files.parse_hcl('resource "a" "b" { x = 1 }\n', "one/main.tf")
    second = files.parse_hcl('resource "a" "b" { x = 1 }\n', "two/main.tf")
    assert second.body is first.body and second.path == "two/main.tf"


def test_errors_from_python_hcl2_name_the_line() -> None:
    with pytest.raises(ParseError) as caught:
        files.parse_hcl('locals {\n  a = 1\n  b = = 2\n}\n', "x.tf")
    assert "line 3" in str(caught.value)


def test_heredoc_interpolations_are_references() -> None:
    hcl = files.parse_hcl('locals {\n  p = <<-EOT\n    {"a": "${var.x}", "b": "${upper(var.y)}"}\n    EOT\n}\n', "x.tf")
    expr = hcl.body.blocks[0].body.attributes[0].expr
    bound = evaluator(hcl.text, lambda name, steps, ev: ("X" if name == "var" else None, 1))
    assert bound(expr).shown == '{"a": "X", "b": "${upper(var.y)}"}\n'


@pytest.mark.parametrize(
    "text",
    [
        '{{- /* Copyright: a Terraform Engine component */ -}}\nresource "google_project" "p" {\n  name = "{{.name}}"\n}\n',
        'module "audit" {\n  {{if .logs_bucket}}bucket = "{{.logs_bucket}}"{{end}}\n}\n',
        '{% if enable_logs %}\nresource "aws_s3_bucket" "logs" {}\n{% endif %}\n',
    ],
)
def test_a_template_of_terraform_is_named_so(text: str) -> None:
    doc = _doc(text)
    assert doc.nodes == []
    assert [e.reason for e in doc.errors] == ["template"]
    assert "rendered" in doc.errors[0].message


def test_a_parse_error_never_quotes_a_value() -> None:
    value = "Zq8vR3xLm9Wp2kTn5bYs"
    for text in (f'resource "aws_db_instance" "db" {{\n  password = "{value}" "{value}"\n}}\n', f'locals {{\n  x = ["{value}" "{value}"]\n}}\n'):
        doc = _doc(text)
        assert doc.nodes == []
        assert doc.errors and all(value not in e.message for e in doc.errors)
