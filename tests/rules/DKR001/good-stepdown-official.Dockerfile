# Synthetic: the official CouchDB image's entrypoint runs the server as the couchdb user.
FROM couchdb:3.3.3
COPY local.ini /opt/couchdb/etc/local.d/
