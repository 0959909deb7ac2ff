# Synthetic: another organisation's image that merely carries the name.
# expect: DKR001
FROM example/opensearchproject-opensearch:2
RUN echo ready
