import os

import boto3
from botocore.config import Config
from django.conf import settings

# Hardened twins: the region comes from the deployment, or is an allowed one.
s3 = boto3.client("s3", region_name=os.environ["AWS_REGION"])
logs = boto3.client("logs", region_name=os.environ.get("AWS_REGION", "us-east-1"))
session = boto3.Session(region_name=settings.AWS_REGION)
india = boto3.client("s3", region_name="ap-south-1")
hyderabad = boto3.resource("dynamodb", region_name="ap-south-2")
default = boto3.client("secretsmanager")
config = Config(retries={"max_attempts": 3})

# Hard negatives: a local endpoint never reaches AWS; a region that is not an AWS region.
local = boto3.client("s3", region_name="us-east-1", endpoint_url="http://localhost:4566")
minio = boto3.client("s3", region_name="us-east-1", endpoint_url="http://minio:9000")
oddity = boto3.client("s3", region_name="local")
# Global services answer in one fixed region and hold no health data.
costs = boto3.client("ce", region_name="us-east-1")
health = boto3.client(service_name="health", region_name="us-east-1")
dns = boto3.client("route53", region_name="us-east-1")
