# Synthetic: ARGs declared before the first FROM are in scope for FROM lines only. The stage
# never declares them again, so the ENV lines below copy empty values and nothing reaches the
# image or its history.
ARG BASE_TAG=3.12-slim
ARG SMARTY_AUTH_TOKEN

FROM python:${BASE_TAG}
WORKDIR /code
COPY app /code/app
ENV SMARTY_AUTH_TOKEN=$SMARTY_AUTH_TOKEN
USER 10001
