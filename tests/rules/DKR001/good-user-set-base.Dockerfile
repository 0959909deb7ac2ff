# Synthetic: the OpenSearch image's own configuration ends with `USER 1000`, which this
# image inherits: it does not run as root.
FROM opensearchproject/opensearch:2.11.1
RUN /usr/share/opensearch/bin/opensearch-plugin install --batch analysis-icu
COPY opensearch.yml /usr/share/opensearch/config/
