"""Single-use URL tokens (invitations, respondent links, resume links).

Only the SHA-256 hash of a token is stored, so a copy of the database cannot be used
to open someone else's link.
"""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A random URL token and the hash that is stored instead of it."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
