"""The floors hold: the import contracts in pyproject.toml (decision 0070) are kept.

`make check` runs `lint-imports` too; this test makes a broken floor, a kernel that
imports Django or an import cycle fail the test suite as well.
"""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
