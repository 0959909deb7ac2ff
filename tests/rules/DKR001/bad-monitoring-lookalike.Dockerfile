# Synthetic: a project's own image named after a monitoring tool is not the upstream image.
# expect: DKR001
FROM registry.example.org/ops/prometheus-exporter:1.4.0
COPY exporter /usr/local/bin/exporter
