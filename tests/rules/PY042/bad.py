import boto3
from botocore.config import Config

REGION = "us-east-1"

# expect: PY042
s3 = boto3.client("s3", region_name="us-east-1")
# expect: PY042
session = boto3.Session(region_name="eu-west-1")
# expect: PY042
dynamo = boto3.resource("dynamodb", REGION)
# expect: PY042
config = Config(region_name="us-west-2", retries={"max_attempts": 3})
# expect: PY042
sqs = session.client("sqs", region_name="US-EAST-2")
