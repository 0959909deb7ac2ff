FROM debian:12-slim
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.org/tools/agent.tar.gz /opt/
ADD vendor/agent.tar.gz /opt/
COPY config/ /etc/app/
LABEL org.opencontainers.image.source="https://github.com/hospital/records"
