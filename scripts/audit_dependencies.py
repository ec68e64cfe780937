"""Dependency vulnerability audit for `make scan` (decision 0113).

Runs pip-audit over the installed environment (.venv: the pinned runtime and dev
dependencies) against PyPI's vulnerability data, and falls back to the OSV database.
The outcome is one of:

- vulnerabilities found that docs/decisions/0113 does not accept: listed, exit 1;
- every dependency audited and nothing found (or only accepted ones): exit 0;
- no vulnerability database could be reached, or it knew none of the packages: said
  plainly ("NOT AUDITED"), exit 0, so a closed network does not fail the build.

Accepted findings are listed below with their reason and in decision 0113.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: Vulnerability ids that are accepted, each with the reason (keep decision 0113 in step).
ACCEPTED: dict[str, str] = {}

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")
SERVICES = ("pypi", "osv")


def audit(service: str) -> tuple[dict[str, object] | None, str]:
    command = [
        str(PIP_AUDIT),
        "--local",
        "--progress-spinner",
        "off",
        "--format",
        "json",
        "--vulnerability-service",
        service,
        "--timeout",
        "20",
    ]
    for vulnerability in ACCEPTED:
        command += ["--ignore-vuln", vulnerability]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    try:
        return json.loads(done.stdout), done.stderr
    except ValueError:
        return None, (done.stderr.strip().splitlines() or ["no output"])[-1]


def main() -> int:
    reasons = []
    for service in SERVICES:
        report, error = audit(service)
        if report is None:
            reasons.append(f"{service}: unreachable ({error[:160]})")
            continue
        dependencies = list(report.get("dependencies", []))  # type: ignore[call-overload]
        audited = [d for d in dependencies if "skip_reason" not in d]
        if not audited:
            reasons.append(f'{service}: answered "not found" for all {len(dependencies)} packages')
            continue
        found = [(d, v) for d in audited for v in d.get("vulns", [])]
        print(
            f"dependency audit ({service}): {len(audited)} of {len(dependencies)} packages "
            f"audited, {len(found)} known vulnerabilities"
        )
        skipped = [d["name"] for d in dependencies if "skip_reason" in d]
        if skipped:
            print(f"  not audited: {', '.join(skipped)}")
        for dependency, vulnerability in found:
            fixes = ", ".join(vulnerability.get("fix_versions", [])) or "no fix yet"
            print(
                f"  {dependency['name']} {dependency['version']}: {vulnerability['id']} "
                f"(fixed in: {fixes})"
            )
        for accepted, why in ACCEPTED.items():
            print(f"  accepted {accepted}: {why}")
        return 1 if found else 0
    print("dependency audit: NOT AUDITED - no vulnerability database could be reached")
    for reason in reasons:
        print(f"  {reason}")
    print("  The job is ready: it audits as soon as PyPI's JSON API or OSV answers.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
