"""The fast tree-sitter HCL path gives the values and lines python-hcl2 gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hms_policy.model import LineSpan
from hms_policy.targets.parsers import hcl, hcl_fast

pytestmark = pytest.mark.skipif(not hcl_fast.available(), reason="tree-sitter-hcl not installed")

SAMPLE = r'''
variable "x" {
  type    = bool
  default = "a"
}
locals { y = 1 }
resource "aws_s3_bucket" "b" {
  count     = var.n
  bucket    = "${var.x}-b"
  plain     = "abc\"d"
  num       = 1.5
  int       = 42
  flag      = true
  nothing   = null
  tags      = { Name = "x", "k-2" = 2 }
  cidr      = ["0.0.0.0/0", var.c]
  cond      = var.a ? "x" : "y"
  fn        = merge(local.a, { b = 1 })
  ref       = aws_kms_key.k.arn
  policy    = <<EOT
{"Statement": []}
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


def _norm(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"[\s,]+", "", value)
    return value


def both(text: str) -> tuple[list, list]:
    tree, values = hcl._parse_hcl(text)
    slow = [(n.ref, n.kind, _norm(n.value), n.span) for n in hcl._block_nodes(tree, values)]
    blocks, _, _ = hcl_fast.parse_blocks(text.encode())
    fast = [(n.ref, n.kind, _norm(n.value), n.span) for n in (hcl._node_for(k, l, v, LineSpan(a, b), p) for k, l, v, a, b, p in blocks)]
    return slow, fast


def test_sample_agrees_with_python_hcl2() -> None:
    slow, fast = both(SAMPLE)
    assert slow == fast
    blocks, _, _ = hcl_fast.parse_blocks(SAMPLE.encode())
    bucket = blocks[2][2]
    assert bucket["count"] == "${var.n}" and bucket["flag"] is True and bucket["nothing"] is None
    assert bucket["plain"] == 'abc"d' and bucket["num"] == 1.5 and bucket["tags"] == {"Name": "x", "k-2": 2}
    assert bucket["ingress"] == [{"from_port": 22}, {"from_port": 443}]
    assert bucket["dynamic"] == [{"rule": {"for_each": "${var.r}", "content": [{"a": "${rule.value}"}]}}]


def test_positions_match_for_attributes_and_nested_blocks() -> None:
    tree, _ = hcl._parse_hcl(SAMPLE)
    blocks, _, _ = hcl_fast.parse_blocks(SAMPLE.encode())
    lark_blocks = [c for c in tree.children[0].children if getattr(c, "data", None) == "block"]
    lark_positions = hcl._body_positions(hcl._block_parts(lark_blocks[2])[1], ())
    fast_positions = blocks[2][5]
    for key in [("bucket",), ("ingress", 1), ("ingress", 1, "from_port"), ("tags", "Name"), ("dynamic", 0, "rule")]:
        assert fast_positions[key] == lark_positions[key], key


FIXTURES = sorted((Path(__file__).resolve().parents[1] / "rules").rglob("*.tf"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_fixtures_parse_the_same(path: Path) -> None:
    text = path.read_text()
    try:
        hcl._parse_hcl(text)
    except Exception:
        pytest.skip("not valid HCL for python-hcl2")
    slow, fast = both(text)
    assert slow == fast


def test_syntax_errors_fall_back_to_python_hcl2_messages() -> None:
    with pytest.raises(hcl_fast.SyntaxProblem) as caught:
        hcl_fast.parse_blocks(b'resource "a" "b" {\n  x = \n')
    assert caught.value.line >= 1
