#!/bin/sh
# Synthetic credentials for hms-policy's fixtures.
# expect: SEC004
curl -fsS https://deploy:Vq7rT2pLx9Kw@reports.hospital.example/upload -T nightly.csv
# expect: SEC004
git clone https://ci-bot:Zp4nW8sQe1Ty@git.hospital.example/ehr/api.git
# A loopback name inside another host's name is not loopback.
# expect: SEC004
curl -fsS https://deploy:Vq7rT2pLx9Kw@localhost.hospital-reports.org/upload
# a token prefix with a real token's random body
# expect: SEC004
git ls-remote --tags https://interactive:ghp_R7x2Lq9Vw4Ke8Tz1Mn5Pb3Hc6Jd0Fs2Ga7Yu@github.example/org/repo refs/tags/v1
