# expect: PY010
TOKEN_ENDPOINT_V2_KEY = "tq9-v2Xk7Lm"
# A settings table is not a table of test inputs, whatever its keys say.
SETTINGS = {
    # expect: PY010
    "verification_token": "rJ2i7vlzh6AgZ1Wwtcz8zCoI5BqxH0kU",
}
LATEST_TOKENS = {
    # expect: PY010
    "verification_token": "Vq3LmT8xWz4KpN7bYcR2",
}


class EventClient:
    """Not a test: an application class whose name merely mentions tests."""

    def login(self, client):
        # expect: PY010
        client.login(username="svc-events", password="Wint3r-Ward-2026!")


class TestResultsView(EventClient):
    """A lab system's view of test results: named for tests, built on no test base."""

    def connect(self, client):
        # expect: PY010
        client.login(username="lab-feed", password="Wint3r-Ward-2026!")
