import analytics
import sentry_sdk
from datadog import statsd


def book(patient, slot):
    sentry_sdk.set_user({"id": patient.id})
    analytics.track(patient.id, "Appointment Booked", {"slot": slot, "ward": patient.ward_id})
    statsd.increment("bookings", tags=[f"ward:{patient.ward_id}"])
    sentry_sdk.capture_message("booking failed")
