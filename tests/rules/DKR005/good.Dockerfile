FROM python:3.12-slim
ARG APP_VERSION=2.4.1
ENV DB_PASSWORD_FILE=/run/secrets/db_password \
    TOKEN_URL=https://auth.example.org/token \
    PASSWORD_MIN_LENGTH=12 \
    SECRET_NAME=records-db
ENV API_KEY=""
ENV SESSION_SECRET=changeme
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
USER 10001
