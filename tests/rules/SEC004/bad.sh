#!/bin/sh
# Synthetic credentials for hms-policy's fixtures.
# expect: SEC004
curl -fsS https://deploy:Vq7rT2pLx9Kw@reports.hospital.example/upload -T nightly.csv
# expect: SEC004
git clone https://ci-bot:Zp4nW8sQe1Ty@git.hospital.example/ehr/api.git
# A loopback name inside another host's name is not loopback.
# expect: SEC004
curl -fsS https://deploy:Vq7rT2pLx9Kw@localhost.hospital-reports.org/upload
