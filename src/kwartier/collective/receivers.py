def connect() -> None:
    """Connected in apps.ready (see services)."""
