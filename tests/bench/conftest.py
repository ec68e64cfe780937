"""The benchmark helpers use the real de-identification engine (loaded once a session)."""

from tests.knowledge.conftest import deid_cache_dir, deidentifier  # noqa: F401
