FROM python:3.12-slim
# Synthetic values, not real credentials.
# expect: DKR005
ARG NPM_TOKEN
# expect: DKR005
ARG GITHUB_TOKEN=ghp_SyntheticNotRealToken00000000000000
# expect: DKR005
ENV DB_PASSWORD=Synthetic-NotReal-9941 DB_HOST=records-db
# expect: DKR005
ENV FHIR_CLIENT_SECRET synthetic legacy form secret
# expect: DKR005
ENV API_KEY=$NPM_TOKEN
USER 10001
