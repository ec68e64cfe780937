"""Restore drill: back up the current installation, restore it into a fresh data folder
(and, with --target-database-url, a fresh PostgreSQL database), compare the row
checksums of every table, and measure how long recovery took.

    .venv/bin/python scripts/restore_drill.py                       # SQLite -> SQLite
    DATABASE_URL=postgres://…/kwartier .venv/bin/python scripts/restore_drill.py \
        --target-database-url postgres://…/kwartier_drill           # PG -> fresh PG

The source is whatever KWARTIER_DATA_DIR and DATABASE_URL point at. The encryption key
travels apart from the back-up, as in a real recovery: KWARTIER_ENCRYPTION_KEY is passed
on, or else the embedded default's key file is copied into the new data folder.
Prints one JSON line (docs/deploy.md keeps the measured figures); exits 1 when any
checksum differs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

KWARTIER = [sys.executable, "-m", "kwartier"]
CHECKSUMS = (
    "import json; from kwartier.core.backup import table_checksums; "
    "print(json.dumps(table_checksums()))"
)


def run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"restore drill: {' '.join(command[2:])} failed")
    return time.monotonic() - started, done.stdout


def checksums(env: dict[str, str]) -> dict[str, dict[str, object]]:
    _seconds, out = run([*KWARTIER, "shell", "-c", CHECKSUMS], env)
    return dict(json.loads(out.strip().splitlines()[-1]))


def _load_seconds(restore_output: str) -> float | None:
    found = re.search(r"Teruggezet: .*\(([0-9.]+) s\)", restore_output)
    return float(found.group(1)) if found else None


def fresh_postgres(url: str) -> None:
    """Drop and create the target database (never the source: the caller names it)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target-database-url", default="", help="a PostgreSQL database to use up")
    parser.add_argument("--keep", action="store_true", help="keep the back-up and the new folder")
    args = parser.parse_args()

    source = dict(os.environ)
    source_dir = Path(source.get("KWARTIER_DATA_DIR", Path.cwd() / "var")).resolve()
    if args.target_database_url and args.target_database_url == source.get("DATABASE_URL"):
        raise SystemExit("restore drill: the target database must not be the source")
    work = Path(tempfile.mkdtemp(prefix="kwartier-drill-"))
    backup_file = work / "backup.zip"
    target = {**source, "KWARTIER_DATA_DIR": str(work / "data")}
    target.pop("DATABASE_URL", None)
    if args.target_database_url:
        target["DATABASE_URL"] = args.target_database_url
        fresh_postgres(args.target_database_url)
    if not source.get("KWARTIER_ENCRYPTION_KEY") and (source_dir / "encryption.key").exists():
        (work / "data").mkdir()
        shutil.copy2(source_dir / "encryption.key", work / "data" / "encryption.key")
    try:
        backup_seconds, _out = run([*KWARTIER, "backup", "--output", str(backup_file)], source)
        before = checksums(source)
        restore_seconds, out = run([*KWARTIER, "restore", str(backup_file)], target)
        after = checksums(target)
        # The back-up itself is logged as an export after its snapshot: leave that row out.
        differing = sorted(
            name for name in before if name != "core_accesslog" and before[name] != after.get(name)
        )
        log_before = int(str(before["core_accesslog"]["rows"]))
        log_after = int(str(after["core_accesslog"]["rows"]))
        if log_after != log_before - 1:
            differing.append("core_accesslog")
        summary = {
            "drill": "restore",
            "source_database": "postgresql" if source.get("DATABASE_URL") else "sqlite",
            "target_database": "postgresql" if args.target_database_url else "sqlite",
            "tables": len(after),
            "rows": sum(int(str(entry["rows"])) for entry in after.values()),
            "backup_bytes": backup_file.stat().st_size,
            "backup_seconds": round(backup_seconds, 1),
            "recovery_seconds": round(restore_seconds, 1),
            # of which loading and checking the rows (the rest: migrate, reindex, start-up)
            "load_seconds": _load_seconds(out),
            "checksums": "ok" if not differing else "mismatch",
            "differing_tables": differing,
            "reindex": [line for line in out.splitlines() if "zoekindex" in line][-1:],
        }
        print(json.dumps(summary, ensure_ascii=False))
        return 0 if not differing else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: {work}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
