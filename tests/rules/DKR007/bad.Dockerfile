# Synthetic values, not real credentials.
FROM mariadb:10.11
# expect: DKR007
ENV MYSQL_ROOT_PASSWORD=Hosp1tal-Root-7731
# expect: DKR007
ARG ADMIN_PASSWORD=Welcome1
# expect: DKR007
ENV DB_HOST=records-db FHIR_CLIENT_SECRET=s3cr3t-f0r-fhir-client
# expect: DKR007
ENV API_TOKEN zq8Lm2Xv9Rt4Wp1Ks7
USER 10001
