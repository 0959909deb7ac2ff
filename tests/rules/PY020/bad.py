import requests

# expect: PY020
FHIR_BASE = "http://fhir.stmarys-hospital.org/baseR4"


def push(bundle):
    # expect: PY020
    return requests.post("http://mirth.hospital.org:8443/hl7/inbound", data=bundle, timeout=5)
