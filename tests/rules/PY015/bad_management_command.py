# A management command shelling out with its own options: still reported, capped at medium
# (tests/unit/test_bandit_cli.py checks the severity).
import os

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("ward")

    def handle(self, *args, **options):
        target = f"exports_{options['ward']}"
        # expect: PY015
        os.system(f"mkdir -p {target}")
        self._pack(options["ward"], target)

    def _pack(self, ward, target):
        # expect: PY015
        os.system("tar czf " + target + ".tgz " + ward)
