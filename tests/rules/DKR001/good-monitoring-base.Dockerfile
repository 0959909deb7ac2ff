# Re-tags of monitoring images whose own Dockerfiles end with a non-root USER (prometheus runs
# as nobody, loki as 10001): the final image inherits that user.
FROM grafana/loki:3.4.2 AS loki
COPY loki.yaml /etc/loki/local-config.yaml

FROM prom/prometheus:v2.53.0
COPY prometheus.yml /etc/prometheus/prometheus.yml
