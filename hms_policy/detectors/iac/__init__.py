"""Detectors that judge infrastructure-as-code and deployment descriptors: Terraform,
CloudFormation, Kubernetes, Helm values, docker-compose, Dockerfiles and ECS task definitions,
with the IAM-statement and value helpers they share.
"""
