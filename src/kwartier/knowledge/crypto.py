"""Encryption at rest for original story text (Fernet: AES-128-CBC with HMAC-SHA256).

The key is `settings.ENCRYPTION_KEY` (`KWARTIER_ENCRYPTION_KEY`, required in production).
The embedded default has none: the first use then generates a key file in the data
folder, readable by its owner only, so a copied database alone reveals no story.

`EncryptedTextField` stores the token and hands Python code the plain text, so services
never forget to encrypt; the column never holds plain text and cannot be searched or
filtered on, which is the point.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

KEY_FILE_NAME = "encryption.key"


def _key_file() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE_NAME


_key_files: dict[str, bytes] = {}


def _read_or_create_key_file(path: Path) -> bytes:
    """The generated development key; created once with mode 0600 (race-safe), then read
    once per process."""
    cached = _key_files.get(str(path))
    if cached is None:
        cached = _key_files[str(path)] = _load_or_create(path)
    return cached


def _load_or_create(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return key


@lru_cache(maxsize=4)
def _fernet_for(key: bytes) -> Fernet:
    try:
        return Fernet(key)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "KWARTIER_ENCRYPTION_KEY must be a Fernet key (32 url-safe base64-encoded bytes)"
        ) from error


def fernet() -> Fernet:
    configured = settings.ENCRYPTION_KEY
    key = configured.encode() if configured else _read_or_create_key_file(_key_file())
    return _fernet_for(key)


def encrypt(plain: str) -> str:
    return fernet().encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        # A wrong key must stop the request loudly, never show ciphertext as a story.
        raise ImproperlyConfigured(
            "Stored story text cannot be decrypted with the configured encryption key"
        ) from error


def text_hash(*parts: str) -> str:
    """A stable fingerprint of a text version (what a consent record points at)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class EncryptedTextField(models.TextField):
    """A text column holding a Fernet token; Python sees the plain text.

    None stays None. Lookups other than isnull are meaningless on ciphertext, so the
    field is meant for storage only (never filter or order on it).
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))
