# Synthetic: a Sentry DSN is a public client key; it only switches an optional install here.
FROM python:3.12-slim
ARG SENTRY_DSN
RUN test -z "$SENTRY_DSN" || pip install sentry-sdk
