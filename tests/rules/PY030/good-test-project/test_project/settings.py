# The settings a reusable app's test suite runs with.
INSTALLED_APPS = ["django.contrib.auth", "records"]
DEBUG = True
