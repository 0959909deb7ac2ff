"""URL routes with the parameters the project's URL tests feed them (a test suite's inputs)."""
from django.urls import path

urlpatterns = [path("verify/<token>/", None, name="verify_email")]

# Parameters for testing URLs (see test_urls.py)
TEST_DEFAULTS = {
    "application_slug": "Osm0FMaavviixpsL26v2",
    "verification_token": "rJ2i7vlzh6AgZ1Wwtcz8zCoI5BqxH0kU",
}
TEST_CASES = {
    "verify_email": {
        "uidb64": "MjEx",
        "token": "oax3ZcG47GYUhAobbJyp",
    },
}
