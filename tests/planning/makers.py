"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

OBJECT_MAKERS: dict = {}
API_OBJECT_MAKERS: dict = {}
