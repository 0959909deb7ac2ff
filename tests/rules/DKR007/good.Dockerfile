FROM python:3.12-slim
# The hardened twins and hard negatives: no value, a value from a build argument, a file
# path, placeholders, booleans and a public DSN.
ARG NPM_TOKEN
ENV API_KEY=$NPM_TOKEN
ENV DB_PASSWORD_FILE=/run/secrets/db_password
ENV DB_PASSWORD=changeme
ENV JWT_SECRET=<your-secret-here>
ENV TOKEN_ENABLED=true PASSWORD_MIN_LENGTH=12
ENV SENTRY_DSN=https://abc123@o1.ingest.sentry.io/42
ENV ADMIN_PASSWORD=${ADMIN_PASSWORD}
RUN --mount=type=secret,id=db_password cat /run/secrets/db_password > /dev/null
USER 10001
