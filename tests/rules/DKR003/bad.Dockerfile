FROM debian:12-slim
# expect: DKR003
ADD https://example.org/tools/agent.tar.gz /opt/
# expect: DKR003
ADD --chown=10001:10001 ["http://mirror.example.org/cacert.pem", "/etc/ssl/"]
