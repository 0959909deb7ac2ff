"""CloudFormation: parameter defaults, Fn::Sub/Join/If and resource conditions resolve; what
cannot be known at template time stays unresolved."""

from __future__ import annotations

from hms_policy.engine.matchers import resolved_nodes
from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, SourceFile
from hms_policy.targets.parsers import parser_for

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
  Encrypt: {Type: String, Default: "true"}
  Retention: {Type: Number, Default: 3}
  NoDefault: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: !Ref Encrypt
      BackupRetentionPeriod: !Ref Retention
      DBInstanceIdentifier: !Sub "hms-${Env}-${AWS::Region}"
      KmsKeyId: !Ref NoDefault
      DeletionProtection: !If [IsProd, true, !Ref "AWS::NoValue"]
      Name: !Join ["-", [hms, !Ref Env]]
  ProdOnly:
    Type: AWS::S3::Bucket
    Condition: IsProd
  DevOnly:
    Type: AWS::S3::Bucket
    Condition: IsDev
"""


def _resolved(text: str) -> dict[str, dict]:
    data = text.encode()
    doc = Document(SourceFile("t.yaml", TargetKind.CLOUDFORMATION, len(data), "0" * 64, data), parser_for(TargetKind.CLOUDFORMATION, "t.yaml"))
    return {n.ref: n.value for n in resolved_nodes(doc)}


def test_parameters_and_functions_resolve() -> None:
    nodes = _resolved(TEMPLATE)
    props = nodes["Db"]["Properties"]
    assert props["StorageEncrypted"] == "true" and props["BackupRetentionPeriod"] == 3
    assert props["DBInstanceIdentifier"] == "hms-dev-${AWS::Region}"  # pseudo parameter: unresolved
    assert props["KmsKeyId"] == {"Ref": "NoDefault"}
    assert "DeletionProtection" not in props  # Fn::If on a false condition -> AWS::NoValue
    assert props["Name"] == "hms-dev"


def test_resource_conditions_decide_what_is_created() -> None:
    nodes = _resolved(TEMPLATE)
    assert "ProdOnly" not in nodes and "DevOnly" in nodes


def test_json_templates_resolve_too() -> None:
    text = '{"Parameters": {"P": {"Type": "String", "Default": "aws:kms"}}, "Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"A": {"Fn::Sub": "${P}"}}}}}'
    assert _resolved(text)["B"]["Properties"]["A"] == "aws:kms"
