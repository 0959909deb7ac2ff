FROM python:3.12-slim
# expect: DKR006
ENV FHIR_BASE_URL=http://fhir.stmarys-health.org/fhir/R4
# expect: DKR006
ARG PACS_URL=http://pacs.radiology.local/dicom-web
USER 10001
