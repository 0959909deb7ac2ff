"""No planted secret or PHI value of examples/hms-demo reaches any output: every format,
the signed envelope (its decoded payload), a merged report, and verify's rendering.

The planted values are read from the demo files themselves (the SSNs in the admissions
log, every body line of the committed private key), so new plants are covered too.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import hms_policy
from hms_policy.report.formats import FORMATS, render
from hms_policy.report.merge import merge_reports

DEMO = Path(__file__).resolve().parent.parent / "examples" / "hms-demo"
SSN = re.compile(r"\bssn=(\d{3}-\d{2}-\d{4})\b")


def planted_values() -> list[str]:
    log = (DEMO / "logs" / "admissions.log").read_text()
    ssns = SSN.findall(log)
    values = ssns + [s.replace("-", "") for s in ssns] + [s[:6] for s in ssns]  # whole, undashed, area+group
    key_lines = (DEMO / "app" / "deploy_key.pem").read_text().splitlines()
    body = [line for line in key_lines if line and not line.startswith("-----")]
    values += body + [line[:24] for line in body]
    assert len(ssns) >= 2 and len(body) >= 2, "the demo's plants moved: update this test"
    return values


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    report = hms_policy.scan([DEMO], read_project_settings=False, jobs=1)
    assert report.findings
    key = Ed25519PrivateKey.generate()
    envelope = hms_policy.sign(report, key)
    merged = merge_reports([report, report])
    verified = hms_policy.verify(envelope, key.public_key()).to_report()
    out = {f"scan:{name}": render(report, name, show_suppressed=True) for name in FORMATS}
    out |= {f"merged:{name}": render(merged, name) for name in FORMATS}
    out["verified:html"] = render(verified, "html", signature="verified")
    out["envelope"] = json.dumps(envelope)
    out["envelope payload"] = base64.b64decode(envelope["payload"]).decode("utf-8")
    return out


@pytest.mark.parametrize("value", planted_values())
def test_planted_value_appears_in_no_output(outputs: dict[str, str], value: str) -> None:
    leaked = [name for name, text in outputs.items() if value in text]
    assert not leaked, f"a planted value leaked into: {', '.join(leaked)}"
