FROM python:3.12-slim AS base
RUN useradd --uid 10001 app
USER app

FROM base AS runtime
COPY app /app
CMD ["python", "-m", "app"]
