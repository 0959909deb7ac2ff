# `localstack/` and `locale-tools/` are Docker Hub namespaces, pulled like any other.
# expect: DKR002
FROM localstack/localstack:latest AS stack
# expect: DKR002
FROM locale-tools/base
USER 10001
