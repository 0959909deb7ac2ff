"""Terraform resolution: variables and tfvars precedence, locals, functions, count/for_each,
dynamic blocks, local modules; and what stays unresolved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hms_policy.engine.matchers import resolved_nodes
from hms_policy.targets.discover import Selection, discover, read_source
from hms_policy.targets.document import Document, Node
from hms_policy.targets.parsers import parser_for
from hms_policy.targets.terraform.expressions import evaluator
from hms_policy.targets.terraform.evaluate import Evaluator, Unknown, no_references
from hms_policy.targets.terraform.files import parse_hcl


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def unit(root: Path, directory: str = ".") -> dict[str, list[Node]]:
    """Resolved nodes of one directory, grouped the way the engine groups a unit."""
    found = discover([root / directory], Selection(use_gitignore=False), root=root)
    docs = []
    for candidate in found.files:
        if candidate.path.endswith((".tf", ".tfvars")) and str(Path(candidate.path).parent) == str(Path(directory)):
            source, _ = read_source(candidate)
            docs.append(Document(source, parser_for(source.kind, source.path)))
    for doc in docs:
        doc.group = tuple(docs)
    out = {doc.path: resolved_nodes(doc) for doc in docs}
    out["errors"] = [e.message for doc in docs for e in doc.errors]  # type: ignore[assignment]
    return out


def resource(nodes: dict[str, list[Node]], ref: str) -> Node:
    return next(n for group in nodes.values() if isinstance(group, list) for n in group if isinstance(n, Node) and n.ref == ref)


def evaluate(text: str) -> Any:
    hcl = parse_hcl(f"x = {text}\n", "t.tf")
    return evaluator(hcl.text, no_references)(hcl.body.attributes[0].expr)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('lower("ABC")', "abc"),
        ('format("%s-%d", "a", 7)', "a-7"),
        ('join(",", ["a", "b"])', "a,b"),
        ("merge({a = 1}, {b = 2})", {"a": 1, "b": 2}),
        ('lookup({a = 1}, "b", 3)', 3),
        ("length([1, 2, 3]) > 2 ? \"big\" : \"small\"", "big"),
        ("[for s in [\"a\", \"b\"] : upper(s) if s != \"b\"]", ["A"]),
        ("{for k, v in {a = 1} : k => v * 2}", {"a": 2}),
        ('jsonencode({Action = "*"})', '{"Action":"*"}'),
        ('try(local.missing, "fallback")', Unknown("${try(local.missing, \"fallback\")}")),
        ("toset([\"b\", \"a\", \"b\"])", ["a", "b"]),
        ("1 + 2 * 3", 7),
        ("!true || false", False),
        ('coalesce("", "x")', "x"),
        ('file("secrets.txt")', Unknown('${file("secrets.txt")}')),
        ("var.x ? 1 : 1", 1),  # both branches agree: the unknown predicate does not matter
    ],
)
def test_expressions(expression: str, expected: Any) -> None:
    assert evaluate(expression) == expected


def test_range_is_bounded() -> None:
    assert isinstance(evaluate("range(100000000)"), Unknown)


def test_variables_tfvars_precedence_and_locals(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tf": """
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" {}
variable "e" {}
locals {
  name = "hms-${var.a}-${var.b}-${var.c}"
  both = "${local.name}/${var.d}"
}
resource "aws_s3_bucket" "x" {
  bucket = local.both
  tag    = var.e
}
""",
            "terraform.tfvars": 'a = "tfvars"\nb = "tfvars"\n',
            "b.auto.tfvars": 'b = "auto-b"\nc = "auto-b"\n',
            "c.auto.tfvars": 'c = "auto-c"\n',
            "prod.tfvars": 'd = "prod"\ne = "one"\n',
            "dev.tfvars": 'e = "two"\n',
        },
    )
    bucket = resource(unit(tmp_path), "aws_s3_bucket.x").value
    # defaults < terraform.tfvars < *.auto.tfvars in lexical order; -var-file candidates that
    # agree are used, those that disagree leave the variable unresolved.
    assert bucket["bucket"] == "hms-tfvars-auto-b-auto-c/prod"
    assert bucket["tag"] == "${var.e}"


def test_count_zero_is_not_evaluated_and_for_each_expands(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tf": """
variable "enabled" { default = false }
resource "aws_db_instance" "off" {
  count             = var.enabled ? 1 : 0
  storage_encrypted = false
}
resource "aws_db_instance" "each" {
  for_each          = { a = true, b = false }
  storage_encrypted = each.value
  identifier        = "db-${each.key}"
}
resource "aws_db_instance" "same" {
  count             = 3
  storage_encrypted = true
}
resource "aws_db_instance" "unknown" {
  count      = var.n
  identifier = "db-${count.index}"
}
""",
        },
    )
    refs = {n.ref: n.value for n in unit(tmp_path)["main.tf"]}
    assert "aws_db_instance.off" not in refs
    assert refs['aws_db_instance.each["a"]']["storage_encrypted"] is True
    assert refs['aws_db_instance.each["b"]'] == {"for_each": {"a": True, "b": False}, "storage_encrypted": False, "identifier": "db-b"}
    assert "aws_db_instance.same" in refs  # identical instances: one node
    assert refs["aws_db_instance.unknown"]["identifier"] == "db-${count.index}"


def test_dynamic_blocks_expand(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tf": """
variable "ports" { default = [22, 443] }
resource "aws_security_group" "sg" {
  ingress {
    from_port = 80
  }
  dynamic "ingress" {
    for_each = var.ports
    iterator = port
    content {
      from_port   = port.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
""",
        },
    )
    sg = resource(unit(tmp_path), "aws_security_group.sg")
    assert [i["from_port"] for i in sg.value["ingress"]] == [80, 22, 443]
    assert sg.line_of(("ingress", 2, "from_port")) == 11


def test_local_module_is_followed_with_its_inputs(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "env/main.tf": """
provider "aws" { region = "eu-west-1" }
module "db" {
  source    = "../modules/db"
  encrypted = false
  name      = "patients"
}
module "off" {
  source = "../modules/db"
  count  = 0
}
module "remote" {
  source = "terraform-aws-modules/rds/aws"
}
output "id" { value = module.db.name_out }
""",
            "modules/db/main.tf": """
variable "encrypted" { default = true }
variable "name" {}
resource "aws_rds_cluster" "c" {
  storage_encrypted  = var.encrypted
  cluster_identifier = "hms-${var.name}"
}
output "name_out" { value = aws_rds_cluster.c.cluster_identifier }
""",
        },
    )
    nodes = unit(tmp_path, "env")
    cluster = resource(nodes, "module.db.aws_rds_cluster.c")
    assert cluster.value == {"storage_encrypted": False, "cluster_identifier": "hms-patients"}
    assert cluster.span.start == 3  # reported at the module call
    assert cluster.meta["region"] == "eu-west-1" and cluster.meta["module_file"] == "modules/db/main.tf"
    assert not any(n.ref.startswith("module.off") for n in nodes["env/main.tf"])
    assert nodes["errors"] == []


def test_module_outside_the_tree_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path, {"a/main.tf": 'module "x" {\n  source = "../../../../../etc"\n}\n'})
    errors = unit(tmp_path / "a")["errors"]
    assert len(errors) == 1 and "outside the scanned tree" in errors[0]


def test_module_cycle_and_broken_module_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tf": 'module "self" {\n  source = "./"\n}\nmodule "bad" {\n  source = "./bad"\n}\n',
            "bad/main.tf": 'resource "x" "y" {\n',
        },
    )
    result = unit(tmp_path)
    assert any("bad/main.tf" in e and "invalid HCL" in e for e in result["errors"])


def test_resource_argument_reference(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tf": """
resource "azurerm_resource_group" "rg" { location = "West Europe" }
resource "azurerm_storage_account" "sa" {
  location = azurerm_resource_group.rg.location
  id_ref   = azurerm_resource_group.rg.id
}
""",
        },
    )
    sa = resource(unit(tmp_path), "azurerm_storage_account.sa").value
    assert sa == {"location": "West Europe", "id_ref": "${azurerm_resource_group.rg.id}"}


def test_locals_cycle_stays_unresolved(tmp_path: Path) -> None:
    write(tmp_path, {"main.tf": 'locals {\n  a = local.b\n  b = local.a\n}\nresource "x" "y" { v = local.a }\n'})
    assert resource(unit(tmp_path), "x.y").value["v"].startswith("${")


def test_var_files_of_some_environments_keep_the_default(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tf": """
variable "region" { default = "ap-south-1" }
variable "size" { default = "small" }
variable "zone" {}
provider "aws" { region = var.region }
resource "aws_s3_bucket" "x" {
  bucket = "${var.size}-${var.zone}"
}
""",
            # An emulator run and a test run: not environments that hold data.
            "ci-emulator.tfvars": 'region = "us-east-1"\nsize = "tiny"\n',
            "terraform-testing.tfvars": 'region = "us-east-1"\n',
            # Only one of two real environments sets the size and the zone.
            "production.tfvars": 'size = "large"\nzone = "a"\n',
            "staging.tfvars": 'zone = "a"\n',
        },
    )
    nodes = unit(tmp_path)
    assert resource(nodes, "aws_s3_bucket.x").value["bucket"] == "small-a"
    provider = next(n for group in nodes.values() for n in group if n.kind == "provider")
    assert provider.value["region"] == "ap-south-1"


def test_a_tree_scanned_through_a_symlink_follows_its_own_modules(tmp_path: Path) -> None:
    """`hms-policy scan link/` where `link` points at the repository: a module in the same tree
    is inside the scanned tree, however the root was named."""
    real = write(tmp_path / "real", {
        "env/main.tf": 'module "db" {\n  source = "../modules/db"\n}\n',
        "modules/db/main.tf": 'resource "aws_rds_cluster" "c" {\n  storage_encrypted = false\n}\n',
    })
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    nodes = unit(tmp_path / "link", "env")
    assert nodes["errors"] == []
    assert resource(nodes, "module.db.aws_rds_cluster.c").value == {"storage_encrypted": False}
