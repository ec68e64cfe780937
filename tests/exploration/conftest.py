"""Fixtures of the exploration tests: the real de-identification engine, shared with the
knowledge-bank tests (loaded once per session)."""

from tests.knowledge.conftest import deid_cache_dir, deidentifier  # noqa: F401
