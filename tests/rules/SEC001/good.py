"""AWS credentials that are not secrets: documentation keys, references, placeholders."""
import os

import boto3

# AWS's own documentation example keys
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
session = boto3.Session(
    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    aws_secret_access_key=os.getenv("AWS_SECRET_ACCESS_KEY"),
)
TEMPLATE_KEY = "AKIAXXXXXXXXXXXXXXXX"
aws_token = "${AWS_SESSION_TOKEN}"
POLICY_NAME = "AKIA-rotation-policy"
DEMO_KEY_ID = "AKIAZZZZZZZZZZZZZZZZ"  # a demo credentials file's padded key id
