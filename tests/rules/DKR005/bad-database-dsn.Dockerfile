# Synthetic: a database DSN carries the password.
FROM python:3.12-slim
# expect: DKR005
ARG DATABASE_DSN
