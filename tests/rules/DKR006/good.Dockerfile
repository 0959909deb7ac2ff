FROM python:3.12-slim
ENV FHIR_BASE_URL=https://fhir.hospital.example.net/fhir/R4
ENV LOCAL=http://127.0.0.1:8080/fhir
LABEL profile="http://hl7.org/fhir/StructureDefinition/Patient"
RUN curl -fsS http://fhir.build-mirror.local/fhir/metadata -o /dev/null || true
USER 10001
