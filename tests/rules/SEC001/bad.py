"""Synthetic AWS credentials for hms-policy's fixtures; none of them is live."""
import boto3

# expect: SEC001
AWS_ACCESS_KEY_ID = "AKIAHBRPOIG8F1CBFNO6"
# expect: SEC001
aws_secret_access_key = "nlWmTSHf6pWkLUyifDLkDmWJ6UuVTAIjvFu7WICP"
# expect: SEC001
session = boto3.Session(aws_access_key_id="ASIAB9M80O2RAK1VRJNV", region_name="ap-south-1")
