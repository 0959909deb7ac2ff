import boto3
from moto import mock_aws


@mock_aws
def test_upload_report():
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="reports")
