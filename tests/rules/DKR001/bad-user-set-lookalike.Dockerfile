# Synthetic: bitnami's minideb is a root base OS image, unlike bitnami's application images;
# and a look-alike namespace is not the official OpenSearch image.
# expect: DKR001
FROM bitnami/minideb:bookworm
RUN install_packages curl
