# Synthetic: a replaced entrypoint no longer steps down from root.
# expect: DKR001
FROM postgres:16.3
COPY start.sh /start.sh
ENTRYPOINT ["/start.sh"]
