"""Synthetic SMART on FHIR client registrations for hms-policy's fixtures."""
from fhirclient import client

settings = {
    "app_id": "ehr-dashboard",
    "api_base": "https://fhir.ehr.example/r4",
    # expect: SEC105
    "client_secret": "gq1oi85U~n5.CfM6dh9Z2n-4jkPsiqJPWL6.3moB",
}
# expect: SEC105
token = oauth.fetch_token(token_url, client_id="ehr-dashboard", client_secret="Zx8vQ2mN7pL4kJ9hG3fD6sA1wE5rT0yU")
# A default given to a lookup is a value, whatever follows it.
# expect: SEC105
secret = os.environ.get("CLIENT_SECRET", "Hv7nQ3xLm9Wz2kRp5tYs8bDc")

# A (name, value) pair is a setting, not a list of names.
# expect: SEC105
REGISTRATION = [("client_secret", "Zq8Xr2Lp9Vt4Ws7Yk3Nn6Bb")]
