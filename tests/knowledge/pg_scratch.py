"""A scratch schema on the PostgreSQL server of the search-backend tests (no Django).

The server is ``KWARTIER_TEST_PG_DSN`` (default: local ``postgres``); a test that needs it
is skipped when that server cannot be reached, except under CI (``CI`` set, as `.ci/run`
does), where that is a failure.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

PG_DSN = os.environ.get("KWARTIER_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


def admin_connection() -> Any:
    """An autocommit connection to the server; skips the test when it cannot be reached
    (under CI that is a failure)."""
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at KWARTIER_TEST_PG_DSN={PG_DSN}: {error}")


@contextlib.contextmanager
def scratch_schema(prefix: str) -> Iterator[str]:
    """A uniquely named schema, dropped with everything in it afterwards."""
    admin = admin_connection()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield name
    finally:
        admin.execute(f'DROP SCHEMA "{name}" CASCADE')
        admin.close()
