import requests

# expect: PY010
EHR_PASSWORD = "Wint3r-Ward-2026!"


# expect: PY010
def connect(user, password="sup3r-s3cret-default"):
    # expect: PY010
    return requests.post("https://ehr.example.org/token", auth=user, data=dict(client_id="ward", client_secret="hunter2-ward"), token="tok-8c2f1d")


class Settings:
    # expect: PY010
    db_password = "Summer2026Pass"  # nosec B105 - reviewed: dev-only container database
