FROM debian:12.5-slim
# Verified in the same RUN.
RUN curl -fsSL https://github.com/kelseyhightower/confd/releases/download/v0.16.0/confd-0.16.0-linux-amd64 -o /usr/local/bin/confd \
    && echo "255d2559f3824dd64df059bdc533fd6b697c070db603c76aaf8d1d5e6b0cc334  /usr/local/bin/confd" | sha256sum -c - \
    && chmod +x /usr/local/bin/confd
RUN curl -fsSLO https://downloads.example-vendor.org/tools/report-engine-2.1.tar.gz \
 && curl -fsSLO https://downloads.example-vendor.org/tools/report-engine-2.1.tar.gz.asc \
 && gpg --batch --verify report-engine-2.1.tar.gz.asc report-engine-2.1.tar.gz \
 && tar -xzf report-engine-2.1.tar.gz -C /opt
# Fetched but not installed or run: a health check, a data file.
RUN curl -fsS https://api.example-vendor.org/status
RUN wget -q https://downloads.example-vendor.org/data/icd10-codes.csv -O /data/icd10.csv
# Package managers verify their own downloads.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
