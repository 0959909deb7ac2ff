"""A Django test module not named test_*.py: its TestCase logs in with the fixture's users."""
from django.test import TestCase
from user.test_views import TestMixin


class EventViewsTests(TestCase):
    fixtures = ["demo-user"]

    def test_list(self):
        self.client.login(username="admin", password="Tester11!")
        self.assertEqual(self.client.get("/events/").status_code, 200)


class TestEventApplications(TestMixin):
    """A test class built on the project's own test base (a mixin from another module)."""

    def setUp(self):
        self.client.login(username="rgmark", password="Tester11!")
