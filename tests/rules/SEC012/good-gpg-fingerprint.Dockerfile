FROM debian:12.5-slim
# The fingerprint of the vendor's public release key: what the build trusts, not a secret.
RUN set -eux; \
    key='859BE8D7C586F538430B19C2467B942D3A79BD29'; \
    export GNUPGHOME="$(mktemp -d)"; \
    gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key"; \
    gpg --batch --export "$key" > /etc/apt/keyrings/vendor.gpg
