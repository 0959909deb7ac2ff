# The deployment module decides DEBUG; base only gives a developer default.
DEBUG = True
INSTALLED_APPS = ["django.contrib.auth", "records"]
