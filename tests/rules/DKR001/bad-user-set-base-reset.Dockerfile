# Synthetic: built on a non-root image, but switches back to root for good.
FROM grafana/grafana:10.4.2
# expect: DKR001
USER root
RUN apk add --no-cache curl
