# Base images the same build produces and never pulls: Podman's `localhost/`, a `local-only/`
# namespace, a registry on the build machine.
FROM local-only/base-python-cpu:latest AS base
FROM localhost/app-base AS app
FROM localhost:5000/tools:latest AS tools
FROM python:3.12.4-slim
COPY --from=tools /usr/bin/tool /usr/bin/tool
USER 10001
