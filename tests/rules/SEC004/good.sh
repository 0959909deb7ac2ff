#!/bin/sh
# URLs without literal credentials.
curl -fsS "https://${REPORT_USER}:${REPORT_PASSWORD}@reports.hospital.example/upload" -T nightly.csv
curl -fsS https://user:password@example.com/
curl -fsS https://reports.hospital.example/upload
echo "see https://docs.hospital.example/runbook#section-2"
curl -fsS "amqp://guest:guest@127.0.0.1:5672/"
# A service on the reader's own machine: README and help-text examples.
echo "export COUCH_URL='http://medicadmin:Kq8vR3zLp2Wn@localhost:5984/medic'"
curl -fsS http://svc:Hq2mX7rTz4Lp@127.0.0.1:8080/health
# a documentation address: no server listens on a port above 65535
curl -s "https://sally:Qw7rT2pLm9@api.example-lab.org:99999/v1/patients"
# a token prefix with a word for its body: a test fixture's stand-in, not a GitHub token
git ls-remote --tags https://interactive:ghp_testing@github.example/org/repo refs/tags/v1
