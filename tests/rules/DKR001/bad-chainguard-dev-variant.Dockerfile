# Synthetic. Chainguard's -dev variants and wolfi-base run as root.
# expect: DKR001
FROM cgr.dev/chainguard/python:latest-dev
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
