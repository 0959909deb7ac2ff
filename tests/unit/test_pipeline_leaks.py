"""No secret written into a pipeline file reaches any output, also when it shares a line with
a pipeline finding (the snippet is sanitised against every span found on the line)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from hms_policy.cli import main
from hms_policy.report.formats import FORMATS

TOKEN = "ghp_" + "R7xk2Qm9Vt4Lp8Zw3Nc6Hb1Jd5Fs0Ga2Ye7U"  # generated shape, not a real token
GLPAT = "glpat-" + "Tz8Kq2Wm5Rx9Lv3Np7Hc"
PASSWORD = "Vq7" + "mZ2kP9xL4tR8wN3s"

WORKFLOW = f"""on:
  issues:
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{{{ github.event.issue.title }}}}" && curl -fsSL https://get.example.com/i.sh?t={TOKEN} | bash
      - run: pip install --index-url http://ci:{PASSWORD}@pypi.example.org/simple app
      - uses: acme/deploy@v1
        with:
          token: ${{{{ secrets.DEPLOY }}}}
          inline: {TOKEN}
"""
GITLAB = f"""deploy:
  image: alpine:latest
  variables:
    DEPLOY_TOKEN: {GLPAT}
  script:
    - echo "$DEPLOY_TOKEN {GLPAT}"
    - kubectl apply -f k8s/ --token {GLPAT}
"""


def test_pipeline_outputs_leak_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root, out = tmp_path / "repo", tmp_path / "out"
    (root / ".github" / "workflows").mkdir(parents=True)
    out.mkdir()
    (root / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    (root / ".gitlab-ci.yml").write_text(GITLAB)
    texts = {}
    common = [str(root), "--jobs", "1", "--fail-on", "none", "--cache-dir", str(tmp_path / "cache")]
    for name in FORMATS:
        assert main(["scan", *common, "--format", name, "--output", str(out / f"r.{name}")]) == 0
        texts[name] = (out / f"r.{name}").read_text()
    assert main(["keygen", "--out", str(tmp_path / "k")]) == 0
    assert main(["scan", *common, "--format", "json", "--sign-key", str(tmp_path / "k.key"), "--attestation", str(out / "att.json")]) == 0
    texts["payload"] = base64.b64decode(json.loads((out / "att.json").read_text())["payload"]).decode()
    assert main(["baseline", "create", "--baseline", str(out / "b.json"), "--no-cache", "--jobs", "1", str(root)]) == 0
    texts["baseline"] = (out / "b.json").read_text()
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            texts[f"cache {path.name}"] = path.read_bytes().decode("utf-8", "replace")
    captured = capsys.readouterr()
    texts["stdout+stderr"] = captured.out + captured.err
    report = json.loads(texts["json"])
    rules = {f["rule_id"] for f in report["findings"]}
    # CI009 on the echo line merges into the secret finding of that line (one finding per secret)
    assert {"CI002", "CI007", "CI017", "CI010", "CI014"} <= rules  # these findings share the secrets' lines
    for secret in (TOKEN, GLPAT, PASSWORD):
        for piece in {secret[i : i + 8] for i in range(len(secret) - 7)}:
            leaked = [name for name, text in texts.items() if piece in text]
            assert not leaked, f"a piece of a planted secret reached {leaked}"
