"""The dependency audit of `make scan` (decision 0113): real findings fail the build, an
unreachable vulnerability database is said plainly and does not."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "audit_dependencies.py"


@pytest.fixture
def audit_script():
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fake(module, monkeypatch, answers):
    monkeypatch.setattr(module, "audit", lambda service: answers[service])


def test_a_known_vulnerability_fails_the_build(audit_script, monkeypatch, capsys):
    vulnerability = {"id": "PYSEC-1", "fix_versions": ["5.2.20"]}
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "vulns": [vulnerability]},
            {"name": "rules", "version": "3.5", "vulns": []},
        ]
    }
    _fake(audit_script, monkeypatch, {"pypi": (report, "")})
    assert audit_script.main() == 1
    out = capsys.readouterr().out
    assert "2 of 2 packages audited, 1 known vulnerabilities" in out
    assert "django 5.2.19: PYSEC-1 (fixed in: 5.2.20)" in out


def test_a_clean_audit_passes(audit_script, monkeypatch, capsys):
    report = {"dependencies": [{"name": "rules", "version": "3.5", "vulns": []}]}
    _fake(audit_script, monkeypatch, {"pypi": (report, "")})
    assert audit_script.main() == 0
    assert "0 known vulnerabilities" in capsys.readouterr().out


def test_no_reachable_database_is_said_and_does_not_fail(audit_script, monkeypatch, capsys):
    skipped = {"dependencies": [{"name": "rules", "skip_reason": "Dependency not found on PyPI"}]}
    _fake(
        audit_script,
        monkeypatch,
        {"pypi": (skipped, ""), "osv": (None, "ConnectionError: api.osv.dev")},
    )
    assert audit_script.main() == 0
    out = capsys.readouterr().out
    assert "NOT AUDITED" in out
    assert "osv: unreachable" in out and 'pypi: answered "not found" for all 1' in out


def test_osv_is_asked_when_pypi_knows_nothing(audit_script, monkeypatch, capsys):
    skipped = {"dependencies": [{"name": "rules", "skip_reason": "not found"}]}
    found = {"dependencies": [{"name": "rules", "version": "3.5", "vulns": [{"id": "OSV-1"}]}]}
    _fake(audit_script, monkeypatch, {"pypi": (skipped, ""), "osv": (found, "")})
    assert audit_script.main() == 1
    assert "rules 3.5: OSV-1 (fixed in: no fix yet)" in capsys.readouterr().out
