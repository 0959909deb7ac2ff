"""hms-policy's Terraform rules against checkov, on the same directory, in one run.

    python benchmarks/iac_vs_checkov.py DIR [--checkov PATH] [--json OUT] [--all-gaps]
    python benchmarks/iac_vs_checkov.py DIR --speed-only     # time the Terraform/CFN rules alone

Runs checkov (`--framework terraform`, offline) and hms-policy (all three packs) on DIR, maps
every checkov check to one of hms-policy's report categories (the table below; checks outside
the seven IaC categories are counted apart), and compares, per category, the *resources*
each tool flags. Every resource checkov flags in a category that hms-policy does not flag in
that category is listed: with the reason when the gap is accepted (ACCEPTED below), marked
GAP otherwise. Timings are wall-clock for each tool's whole run.

checkov is not a dependency of hms-policy: install it in a separate virtualenv
(`python3 -m venv /work/benchvenv && /work/benchvenv/bin/pip install checkov`) and pass
`--checkov /work/benchvenv/bin/checkov` (or set CHECKOV, or put it on PATH).

Reference corpus: bridgecrewio/terragoat (vulnerable by design); see benchmarks/README.md
for the figures measured.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STORAGE, TRANSPORT, EXPOSURE, AUDIT, BACKUP, ACCESS = (
    "unencrypted-storage", "insecure-transport", "public-exposure", "audit-logging", "backup-retention", "access-control",
)
IAC_CATEGORIES = (STORAGE, TRANSPORT, EXPOSURE, AUDIT, BACKUP, ACCESS, "data-residency")

# checkov check id -> hms-policy category, for the AWS, Azure and GCP Terraform checks of
# checkov 3.3 (its `--list`, classified by what each check asks for, then reviewed by hand).
# Checks not listed are outside these categories: tagging, monitoring and alerting,
# availability, image scanning, runtime and engine versions, container hardening, secrets.
CATEGORY: dict[str, str] = {
    **dict.fromkeys(["CKV_AWS_3", "CKV_AWS_5", "CKV_AWS_8", "CKV_AWS_16", "CKV_AWS_19", "CKV_AWS_22", "CKV_AWS_26", "CKV_AWS_27", "CKV_AWS_29", "CKV_AWS_42", "CKV_AWS_43", "CKV_AWS_44", "CKV_AWS_47", "CKV_AWS_58", "CKV_AWS_64", "CKV_AWS_74", "CKV_AWS_77", "CKV_AWS_78", "CKV_AWS_82", "CKV_AWS_94", "CKV_AWS_96", "CKV_AWS_98", "CKV_AWS_99", "CKV_AWS_106", "CKV_AWS_113", "CKV_AWS_119", "CKV_AWS_136", "CKV_AWS_140", "CKV_AWS_142", "CKV_AWS_145", "CKV_AWS_146", "CKV_AWS_147", "CKV_AWS_149", "CKV_AWS_155", "CKV_AWS_156", "CKV_AWS_158", "CKV_AWS_159", "CKV_AWS_160", "CKV_AWS_166", "CKV_AWS_171", "CKV_AWS_173", "CKV_AWS_177", "CKV_AWS_178", "CKV_AWS_179", "CKV_AWS_180", "CKV_AWS_181", "CKV_AWS_182", "CKV_AWS_183", "CKV_AWS_184", "CKV_AWS_185", "CKV_AWS_186", "CKV_AWS_187", "CKV_AWS_189", "CKV_AWS_190", "CKV_AWS_191", "CKV_AWS_199", "CKV_AWS_200", "CKV_AWS_201", "CKV_AWS_203", "CKV_AWS_204", "CKV_AWS_209", "CKV_AWS_212", "CKV_AWS_214", "CKV_AWS_219", "CKV_AWS_221", "CKV_AWS_224", "CKV_AWS_235", "CKV_AWS_236", "CKV_AWS_240", "CKV_AWS_241", "CKV_AWS_245", "CKV_AWS_246", "CKV_AWS_247", "CKV_AWS_253", "CKV_AWS_254", "CKV_AWS_255", "CKV_AWS_256", "CKV_AWS_262", "CKV_AWS_263", "CKV_AWS_264", "CKV_AWS_265", "CKV_AWS_266", "CKV_AWS_267", "CKV_AWS_268", "CKV_AWS_269", "CKV_AWS_270", "CKV_AWS_271", "CKV_AWS_278", "CKV_AWS_279", "CKV_AWS_280", "CKV_AWS_281", "CKV_AWS_282", "CKV_AWS_292", "CKV_AWS_294", "CKV_AWS_296", "CKV_AWS_297", "CKV_AWS_298", "CKV_AWS_308", "CKV_AWS_311", "CKV_AWS_327", "CKV_AWS_337", "CKV_AWS_345", "CKV_AWS_346", "CKV_AWS_347", "CKV_AWS_349", "CKV_AWS_350", "CKV_AWS_354", "CKV_AWS_367", "CKV_AWS_368", "CKV_AWS_372", "CKV_AWS_373", "CKV_AWS_381", "CKV_AZURE_2", "CKV_AZURE_73", "CKV_AZURE_74", "CKV_AZURE_75", "CKV_AZURE_76", "CKV_AZURE_93", "CKV_AZURE_96", "CKV_AZURE_97", "CKV_AZURE_100", "CKV_AZURE_105", "CKV_AZURE_117", "CKV_AZURE_130", "CKV_AZURE_151", "CKV_AZURE_186", "CKV_AZURE_199", "CKV_AZURE_201", "CKV_AZURE_227", "CKV_AZURE_240", "CKV_AZURE_241", "CKV_GCP_37", "CKV_GCP_38", "CKV_GCP_80", "CKV_GCP_81", "CKV_GCP_83", "CKV_GCP_84", "CKV_GCP_85", "CKV_GCP_90", "CKV_GCP_91", "CKV_GCP_92", "CKV_GCP_93", "CKV_GCP_96", "CKV2_AWS_2", "CKV2_AWS_34", "CKV2_AWS_73", "CKV2_AZURE_1", "CKV2_AZURE_11", "CKV2_AZURE_14", "CKV2_AZURE_15", "CKV2_AZURE_16", "CKV2_AZURE_17", "CKV2_AZURE_22", "CKV2_AZURE_25", "CKV2_AZURE_48", "CKV2_GCP_21", "CKV2_GCP_22", "CKV2_GCP_23", "CKV2_GCP_24", "CKV2_GCP_25", "CKV2_GCP_26", "CKV2_GCP_27", "CKV2_GCP_35"], STORAGE),
    **dict.fromkeys(["CKV_AWS_2", "CKV_AWS_6", "CKV_AWS_30", "CKV_AWS_31", "CKV_AWS_34", "CKV_AWS_81", "CKV_AWS_83", "CKV_AWS_90", "CKV_AWS_97", "CKV_AWS_103", "CKV_AWS_105", "CKV_AWS_112", "CKV_AWS_127", "CKV_AWS_174", "CKV_AWS_202", "CKV_AWS_213", "CKV_AWS_215", "CKV_AWS_218", "CKV_AWS_220", "CKV_AWS_228", "CKV_AWS_239", "CKV_AWS_259", "CKV_AWS_351", "CKV_AWS_357", "CKV_AWS_365", "CKV_AWS_369", "CKV_AWS_376", "CKV_AWS_378", "CKV_AWS_379", "CKV_AZURE_3", "CKV_AZURE_14", "CKV_AZURE_15", "CKV_AZURE_17", "CKV_AZURE_28", "CKV_AZURE_29", "CKV_AZURE_44", "CKV_AZURE_47", "CKV_AZURE_52", "CKV_AZURE_54", "CKV_AZURE_70", "CKV_AZURE_91", "CKV_AZURE_145", "CKV_AZURE_147", "CKV_AZURE_148", "CKV_AZURE_152", "CKV_AZURE_153", "CKV_AZURE_154", "CKV_AZURE_161", "CKV_AZURE_173", "CKV_AZURE_198", "CKV_AZURE_200", "CKV_AZURE_205", "CKV_AZURE_215", "CKV_AZURE_218", "CKV_AZURE_223", "CKV_GCP_4", "CKV_GCP_6", "CKV_GCP_97", "CKV2_AWS_20", "CKV2_AWS_42", "CKV2_AWS_49", "CKV2_AWS_51", "CKV2_AWS_54", "CKV2_AWS_69", "CKV2_AWS_72", "CKV2_AZURE_30", "CKV2_AZURE_37", "CKV2_AZURE_55"], TRANSPORT),
    **dict.fromkeys(["CKV_AWS_17", "CKV_AWS_20", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_32", "CKV_AWS_38", "CKV_AWS_39", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV_AWS_57", "CKV_AWS_59", "CKV_AWS_69", "CKV_AWS_87", "CKV_AWS_88", "CKV_AWS_89", "CKV_AWS_100", "CKV_AWS_102", "CKV_AWS_122", "CKV_AWS_130", "CKV_AWS_137", "CKV_AWS_154", "CKV_AWS_164", "CKV_AWS_167", "CKV_AWS_168", "CKV_AWS_169", "CKV_AWS_229", "CKV_AWS_230", "CKV_AWS_231", "CKV_AWS_232", "CKV_AWS_260", "CKV_AWS_277", "CKV_AWS_301", "CKV_AWS_302", "CKV_AWS_303", "CKV_AWS_333", "CKV_AWS_352", "CKV_AWS_387", "CKV_AWS_389", "CKV_AWS_390", "CKV_AWS_391", "CKV_AWS_392", "CKV_AZURE_6", "CKV_AZURE_9", "CKV_AZURE_10", "CKV_AZURE_11", "CKV_AZURE_34", "CKV_AZURE_48", "CKV_AZURE_53", "CKV_AZURE_59", "CKV_AZURE_64", "CKV_AZURE_68", "CKV_AZURE_77", "CKV_AZURE_89", "CKV_AZURE_99", "CKV_AZURE_101", "CKV_AZURE_104", "CKV_AZURE_106", "CKV_AZURE_108", "CKV_AZURE_109", "CKV_AZURE_113", "CKV_AZURE_115", "CKV_AZURE_119", "CKV_AZURE_124", "CKV_AZURE_134", "CKV_AZURE_138", "CKV_AZURE_139", "CKV_AZURE_143", "CKV_AZURE_144", "CKV_AZURE_160", "CKV_AZURE_162", "CKV_AZURE_174", "CKV_AZURE_185", "CKV_AZURE_189", "CKV_AZURE_190", "CKV_AZURE_193", "CKV_AZURE_204", "CKV_AZURE_210", "CKV_AZURE_221", "CKV_AZURE_222", "CKV_AZURE_248", "CKV_AZURE_251", "CKV_GCP_2", "CKV_GCP_3", "CKV_GCP_15", "CKV_GCP_18", "CKV_GCP_20", "CKV_GCP_25", "CKV_GCP_28", "CKV_GCP_40", "CKV_GCP_60", "CKV_GCP_64", "CKV_GCP_75", "CKV_GCP_77", "CKV_GCP_88", "CKV_GCP_98", "CKV_GCP_99", "CKV_GCP_100", "CKV_GCP_101", "CKV_GCP_102", "CKV_GCP_103", "CKV_GCP_106", "CKV_GCP_107", "CKV_GCP_113", "CKV_GCP_114", "CKV_GCP_124", "CKV2_AWS_6", "CKV2_AWS_66", "CKV2_AZURE_8", "CKV2_AZURE_19", "CKV2_AZURE_32", "CKV2_AZURE_33", "CKV2_AZURE_39", "CKV2_AZURE_42", "CKV2_AZURE_43", "CKV2_AZURE_44", "CKV2_AZURE_45", "CKV2_AZURE_47", "CKV2_AZURE_50", "CKV2_AZURE_56", "CKV2_AZURE_57", "CKV2_GCP_9", "CKV2_GCP_12"], EXPOSURE),
    **dict.fromkeys(["CKV_AWS_18", "CKV_AWS_35", "CKV_AWS_36", "CKV_AWS_37", "CKV_AWS_48", "CKV_AWS_66", "CKV_AWS_67", "CKV_AWS_71", "CKV_AWS_75", "CKV_AWS_76", "CKV_AWS_80", "CKV_AWS_84", "CKV_AWS_85", "CKV_AWS_86", "CKV_AWS_91", "CKV_AWS_92", "CKV_AWS_101", "CKV_AWS_104", "CKV_AWS_129", "CKV_AWS_176", "CKV_AWS_193", "CKV_AWS_194", "CKV_AWS_197", "CKV_AWS_223", "CKV_AWS_242", "CKV_AWS_243", "CKV_AWS_244", "CKV_AWS_251", "CKV_AWS_252", "CKV_AWS_285", "CKV_AWS_314", "CKV_AWS_317", "CKV_AWS_325", "CKV_AWS_338", "CKV_AZURE_4", "CKV_AZURE_12", "CKV_AZURE_23", "CKV_AZURE_24", "CKV_AZURE_30", "CKV_AZURE_31", "CKV_AZURE_33", "CKV_AZURE_37", "CKV_AZURE_38", "CKV_AZURE_63", "CKV_AZURE_146", "CKV_AZURE_156", "CKV_AZURE_159", "CKV_GCP_1", "CKV_GCP_26", "CKV_GCP_51", "CKV_GCP_52", "CKV_GCP_53", "CKV_GCP_54", "CKV_GCP_55", "CKV_GCP_56", "CKV_GCP_57", "CKV_GCP_61", "CKV_GCP_104", "CKV_GCP_110", "CKV_GCP_111", "CKV2_AWS_4", "CKV2_AWS_10", "CKV2_AWS_11", "CKV2_AWS_27", "CKV2_AWS_30", "CKV2_AWS_31", "CKV2_AWS_39", "CKV2_AWS_63", "CKV2_AZURE_20", "CKV2_AZURE_21", "CKV2_AZURE_53", "CKV2_GCP_4", "CKV2_GCP_5", "CKV2_GCP_13", "CKV2_GCP_14", "CKV2_GCP_15", "CKV2_GCP_16", "CKV2_GCP_17", "CKV2_GCP_29", "CKV2_GCP_30", "CKV2_GCP_31"], AUDIT),
    **dict.fromkeys(["CKV_AWS_21", "CKV_AWS_28", "CKV_AWS_133", "CKV_AWS_134", "CKV_AWS_139", "CKV_AWS_143", "CKV_AWS_144", "CKV_AWS_165", "CKV_AWS_172", "CKV_AWS_293", "CKV_AWS_326", "CKV_AWS_360", "CKV_AWS_361", "CKV_AZURE_42", "CKV_AZURE_94", "CKV_AZURE_102", "CKV_AZURE_110", "CKV_AZURE_111", "CKV_AZURE_129", "CKV_AZURE_136", "CKV_AZURE_187", "CKV_AZURE_206", "CKV_AZURE_230", "CKV_GCP_14", "CKV_GCP_78", "CKV_GCP_119", "CKV_GCP_121", "CKV_GCP_122", "CKV2_AWS_8", "CKV2_AWS_9", "CKV2_AWS_18", "CKV2_AWS_58", "CKV2_AZURE_12", "CKV2_AZURE_38", "CKV2_GCP_20"], BACKUP),
    **dict.fromkeys(["CKV_AWS_1", "CKV_AWS_33", "CKV_AWS_40", "CKV_AWS_49", "CKV_AWS_60", "CKV_AWS_61", "CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_70", "CKV_AWS_107", "CKV_AWS_108", "CKV_AWS_109", "CKV_AWS_110", "CKV_AWS_111", "CKV_AWS_274", "CKV_AWS_275", "CKV_AWS_283", "CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289", "CKV_AWS_290", "CKV_AWS_355", "CKV_AWS_356", "CKV_AWS_364", "CKV_AWS_375", "CKV_AWS_393", "CKV_AZURE_5", "CKV_AZURE_39", "CKV_AZURE_132", "CKV_AZURE_137", "CKV_AZURE_141", "CKV_GCP_30", "CKV_GCP_31", "CKV_GCP_41", "CKV_GCP_42", "CKV_GCP_44", "CKV_GCP_45", "CKV_GCP_46", "CKV_GCP_47", "CKV_GCP_48", "CKV_GCP_49", "CKV_GCP_65", "CKV_GCP_112", "CKV_GCP_115", "CKV_GCP_116", "CKV_GCP_117", "CKV2_AWS_40", "CKV2_AWS_56", "CKV2_AWS_64", "CKV2_AWS_68", "CKV2_AZURE_7", "CKV2_GCP_1", "CKV2_GCP_3", "CKV2_GCP_6", "CKV2_GCP_7", "CKV2_GCP_8"], ACCESS),
}

# Accepted gaps: checkov checks (or check, resource pairs) hms-policy deliberately does not
# match, with the reason. Anything else checkov flags in a category that hms-policy misses is
# reported as a GAP.
_NETWORK_DESIGN = "public addressing of subnets and instances is network design; hms-policy flags exposed data stores, admin and database ports, and control planes"
_GEO = "replicating data to another region is a data-residency decision hms-policy judges (TF702), not a requirement; versioning and backups are TF504/TF501/TF505"
_DEFAULT_TLS = "the azurerm default is TLS 1.2 since provider 3.0; hms-policy flags explicitly weaker settings (TF213)"
_CMK_OPTIONAL = "data is encrypted at rest by the service; customer-managed keys / host or infrastructure encryption are optional hardening hms-policy does not require here"
_IDENTITY = "an identity-provider choice (Azure AD, Google Groups, IAM auth, local accounts), not access control of the data; hms-policy does not judge it"
ACCEPTED: dict[str, str] = {
    # scope
    "provider:alicloud": "Alibaba Cloud is outside hms-policy's scope (AWS, Azure, GCP)",
    "provider:oci": "Oracle Cloud is outside hms-policy's scope (AWS, Azure, GCP)",
    # unencrypted storage
    "CKV_AWS_136": "container images are not patient data stores; ECR encrypts them (AES-256) by default",
    "CKV_AWS_173": "Lambda environment variables are always encrypted at rest (AWS-managed key); secrets in them are the SEC rules' concern",
    "CKV_AWS_279": "a cluster snapshot has its cluster's encryption: reported on the cluster (TF114)",
    "CKV_AWS_280": "a cluster snapshot has its cluster's encryption: reported on the cluster (TF114)",
    "CKV_AWS_186": "objects take the bucket's default encryption, judged on the bucket (TF103)",
    "CKV_AZURE_117": _CMK_OPTIONAL,
    "CKV_AZURE_227": _CMK_OPTIONAL,
    "CKV_AZURE_130": _CMK_OPTIONAL,
    "CKV_AZURE_151": _CMK_OPTIONAL,
    "CKV2_AZURE_16": _CMK_OPTIONAL,
    # insecure transport
    "CKV_AZURE_17": "incoming client certificates are mutual-TLS authentication; the transport is TLS either way (TF215, TF213)",
    "CKV_AZURE_44": _DEFAULT_TLS,
    "CKV_AZURE_52": _DEFAULT_TLS,
    # public exposure
    "CKV_AWS_130": _NETWORK_DESIGN,
    "CKV_GCP_40": _NETWORK_DESIGN,
    "CKV_AZURE_251": "managed disk export (SAS) access policy: exports need a token issued by an authorised user; not an exposed data endpoint",
    "CKV2_AZURE_32": "a private endpoint is one way to close the vault; hms-policy checks the network rules themselves (TF316)",
    # audit logging
    "CKV_AWS_18:aws_s3_bucket.logs": "the bucket receives other buckets' access logs (log-delivery-write); log targets are exempt (TF405), their reads are CloudTrail data events",
    "CKV_AWS_18:aws_s3_bucket.flowbucket": "the bucket receives VPC flow logs; log targets are exempt (TF405)",
    "CKV_AZURE_30": "checkpoint logging is performance diagnostics, not an audit trail of data access",
    "CKV_AZURE_33": "classic Storage Analytics logging of the Queue service; hms-policy does not require queue-level logging",
    "CKV_GCP_61": "intranode visibility is network telemetry; subnet flow logs are TF411",
    # backup and retention
    "CKV_AWS_144": _GEO,
    "CKV_AZURE_94": _GEO,
    "CKV_AZURE_102": _GEO,
    # access control
    "CKV2_AWS_64": "a key without a policy gets the default key policy (account root, delegating to IAM); hms-policy flags key policies open to everyone (TF603)",
    "CKV_AZURE_141": _IDENTITY,
    "CKV2_AZURE_7": _IDENTITY,
    "CKV_GCP_65": _IDENTITY,
}


def run_checkov(checkov: str, directory: Path) -> tuple[list[dict[str, Any]], float]:
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
    started = time.perf_counter()
    proc = subprocess.run(
        [checkov, "-d", ".", "--framework", "terraform", "-o", "json", "--quiet", "--compact", "--skip-download"],
        cwd=directory, capture_output=True, text=True, env=env, check=False,
    )
    elapsed = time.perf_counter() - started
    if not proc.stdout.strip():
        sys.exit(f"checkov produced no output (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    data = json.loads(proc.stdout)
    reports = data if isinstance(data, list) else [data]
    failed = [f for r in reports if isinstance(r, dict) for f in r.get("results", {}).get("failed_checks", [])]
    return failed, elapsed


def run_hms(directory: Path, jobs: int | None) -> tuple[dict[str, Any], float]:
    """hms-policy through its CLI, as a user runs it (process start-up included)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "hms_policy", "scan", str(directory), "--format", "json", "--output", str(out),
                   "--fail-on", "none", "--no-cache"]
        if jobs:
            command += ["--jobs", str(jobs)]
        started = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if not out.is_file():
            sys.exit(f"hms-policy wrote no report (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
        return json.loads(out.read_text()), elapsed


_INSTANCE = re.compile(r"\[[^\]]*\]")


def resource_key(path: str, address: str) -> tuple[str, str]:
    """(directory, resource address without instance keys): both tools name resources so."""
    directory = str(Path(path.lstrip("/")).parent)
    return directory, _INSTANCE.sub("", address)


def provider_of(address: str) -> str:
    kind = address.split(".")[-2] if address.count(".") >= 1 else address
    return kind.split("_", 1)[0]


def speed_only(directory: Path) -> int:
    """Terraform and CloudFormation rules alone, in this process, on DIR's IaC files."""
    import datetime as _dt
    import resource

    from hms_policy.api import active_rules, load_catalogue
    from hms_policy.engine.run import ScanPlan, execute
    from hms_policy.targets.discover import Selection, discover

    started = time.perf_counter()
    catalogue = load_catalogue(["hipaa", "gdpr", "ndhm"])
    active = tuple(a for a in active_rules(catalogue) if a.rule.kinds & {"terraform", "cloudformation"})
    found = discover([directory], Selection(use_gitignore=False), directory)
    files = [c for c in found.files if c.path.endswith((".tf", ".tfvars", ".tf.json", ".yaml", ".yml", ".json", ".template"))]
    plan = ScanPlan(active, catalogue.detectors, 10 * 1024 * 1024, _dt.date.today())
    result = execute(plan, files, jobs=1)
    elapsed = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    print(f"{len(files)} candidate files, {len(active)} rules: {elapsed:.1f} s wall, {cpu:.1f} s CPU (whole process), "
          f"{len(result.findings)} findings, {len(result.errors)} errors")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--checkov", default=os.environ.get("CHECKOV", "checkov"))
    parser.add_argument("--jobs", type=int, default=None, help="hms-policy --jobs (default: one per core)")
    parser.add_argument("--json", type=Path, help="write the figures and the gap list as JSON here")
    parser.add_argument("--all-gaps", action="store_true", help="list accepted gaps too, not only real ones")
    parser.add_argument("--speed-only", action="store_true", help="time hms-policy's Terraform/CFN rules only (no checkov)")
    args = parser.parse_args(argv)
    directory = args.directory.resolve()
    if args.speed_only:
        return speed_only(directory)

    failed, checkov_s = run_checkov(args.checkov, directory)
    report, hms_s = run_hms(directory, args.jobs)

    # checkov: (category, resource) -> checks
    theirs: dict[tuple[str, tuple[str, str]], set[str]] = collections.defaultdict(set)
    where: dict[tuple[str, str], str] = {}
    names: dict[str, str] = {}
    outside: collections.Counter[str] = collections.Counter()
    for failure in failed:
        check = failure["check_id"]
        names[check] = failure.get("check_name", "")
        category = CATEGORY.get(check)
        if category is None:
            outside[check] += 1
            continue
        key = resource_key(failure["file_path"], str(failure.get("resource", "")))
        where.setdefault(key, f"{failure['file_path'].lstrip('/')}:{(failure.get('file_line_range') or [0])[0]}")
        theirs[(category, key)].add(check)

    # hms-policy: (category, resource) -> rules; unit-level findings (providers) kept apart
    ours: dict[tuple[str, tuple[str, str]], set[str]] = collections.defaultdict(set)
    unit_level: collections.Counter[str] = collections.Counter()
    for finding in report["findings"]:
        if finding["category"] not in IAC_CATEGORIES or finding.get("suppressed"):
            continue
        entity = finding.get("entity") or ""
        if not entity or entity.startswith("provider."):
            unit_level[finding["rule_id"]] += 1
            continue
        # checkov names data sources without their "data." prefix
        ours[(finding["category"], resource_key(finding["path"], entity.removeprefix("data.")))].add(finding["rule_id"])

    their_resources = {key for _, key in theirs}
    our_resources = {key for _, key in ours}
    gaps: list[dict[str, Any]] = []
    matched = 0
    for (category, key), checks in sorted(theirs.items()):
        if (category, key) in ours:
            matched += 1
            continue
        provider = provider_of(key[1])
        reasons = [ACCEPTED.get(f"{c}:{key[1]}") or ACCEPTED.get(c) or ACCEPTED.get(f"provider:{provider}") for c in sorted(checks)]
        other = sorted(r for (cat, k), rules in ours.items() if k == key for r in rules)
        gaps.append({
            "category": category, "resource": key[1], "where": where.get(key, key[0]), "checks": sorted(checks),
            "accepted": all(reasons), "reasons": sorted({r for r in reasons if r}),
            "flagged_in_other_category": other,
        })

    real = [g for g in gaps if not g["accepted"]]
    pairs = len(theirs)
    print(f"directory: {directory}")
    print(f"checkov  {checkov_s:6.1f} s  {len(failed)} failed checks; {pairs} (category, resource) pairs in hms-policy's categories "
          f"on {len(their_resources)} resources; {sum(outside.values())} failures in {len(outside)} checks outside them")
    print(f"hms-policy {hms_s:4.1f} s  {sum(len(r) for r in ours.values())} resource findings on {len(our_resources)} resources, "
          f"{sum(unit_level.values())} directory/provider-level findings ({dict(sorted(unit_level.items()))})")
    print(f"overlap: hms-policy flags {matched}/{pairs} of checkov's (category, resource) pairs "
          f"({100 * matched / pairs:.1f} %); resources flagged by both: {len(their_resources & our_resources)}; "
          f"only hms-policy: {len(our_resources - their_resources)}; only checkov: {len(their_resources - our_resources)}")
    print(f"gaps: {len(gaps)} ({len(gaps) - len(real)} accepted with a reason, {len(real)} not accepted)\n")
    by_category = collections.Counter(c for c, _ in theirs)
    hits = collections.Counter(c for c, k in theirs if (c, k) in ours)
    print(f"{'category':<22} {'checkov':>7} {'matched':>7}")
    for category in IAC_CATEGORIES:
        if by_category[category]:
            print(f"{category:<22} {by_category[category]:>7} {hits[category]:>7}")
    shown = gaps if args.all_gaps else real
    if shown:
        print("\n" + ("all gaps" if args.all_gaps else "GAPS (not accepted)") + ":")
        for gap in shown:
            mark = "accepted" if gap["accepted"] else "GAP"
            note = "; ".join(gap["reasons"]) or ", ".join(names.get(c, "")[:70] for c in gap["checks"])
            also = f" [hms-policy: {', '.join(gap['flagged_in_other_category'])}]" if gap["flagged_in_other_category"] else ""
            print(f"  {mark:<8} {gap['category']:<20} {gap['resource']:<50} {','.join(gap['checks'])}  {note}{also}")
    if args.json:
        args.json.write_text(json.dumps({
            "directory": str(directory), "checkov_seconds": round(checkov_s, 2), "hms_policy_seconds": round(hms_s, 2),
            "pairs": pairs, "matched": matched, "their_resources": len(their_resources), "our_resources": len(our_resources),
            "both": len(their_resources & our_resources), "gaps": gaps, "outside_checks": dict(outside),
        }, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
