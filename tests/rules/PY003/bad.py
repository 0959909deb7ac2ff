"""Synthetic code; every value here is fake."""
import analytics
import sentry_sdk
from datadog import statsd
from opentelemetry import trace
from sentry_sdk import capture_message


def book(patient, slot):
    # expect: PY003
    sentry_sdk.set_user({"id": patient.id, "email": patient.email})
    # expect: PY003
    analytics.track(patient.id, "Appointment Booked", {"dob": patient.date_of_birth, "slot": slot})
    # expect: PY003
    statsd.increment("bookings", tags=[f"mrn:{patient.mrn}"])
    span = trace.get_current_span()
    # expect: PY003
    span.set_attribute("patient.diagnosis", patient.diagnosis)
    # expect: PY003
    capture_message("booking failed for " + patient.patient_name)
