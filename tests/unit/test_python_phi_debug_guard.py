"""PHI printed or logged only under a debug flag is capped at medium (PY001)."""

from __future__ import annotations

from pathlib import Path

import hms_policy

_CODE = '''\
import logging
from django.conf import settings

logger = logging.getLogger(__name__)


def send_otp(patient, otp):
    if settings.DEBUG:
        print(otp, patient.phone_number)
    logger.info("OTP sent to %s", patient.phone_number)
'''


def test_debug_only_flow_is_medium_and_the_unguarded_one_stays(tmp_path: Path) -> None:
    (tmp_path / "otp.py").write_text(_CODE)
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = {f.line: (str(f.severity), f.extra.get("debug_only")) for f in report.findings if f.rule_id == "PY001"}
    assert found[9] == ("medium", True)
    assert found[10][0] == "high" and not found[10][1]
