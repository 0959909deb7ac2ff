# Synthetic: not the official image (another namespace), so its entrypoint is unknown.
# expect: DKR001
FROM example/postgres-tools:16
RUN echo ready
