"""Encryption at rest for original story text (Fernet: AES-128-CBC with HMAC-SHA256).

The key is `settings.ENCRYPTION_KEY` (`KWARTIER_ENCRYPTION_KEY`, required in production).
The embedded default has none: the first use then generates a key file in the data
folder, readable by its owner only, so a copied database alone reveals no story.
Rotation (decision 0111): new text is encrypted with the current key, older keys
(`KWARTIER_ENCRYPTION_OLD_KEYS`, or further lines of the key file) still decrypt until
`kwartier rotate-key` has re-encrypted every value (`key_rotation.py`).

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

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

KEY_FILE_NAME = "encryption.key"


def key_file_path() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE_NAME


_key_files: dict[str, tuple[int, tuple[bytes, ...]]] = {}


def _read_or_create_key_file(path: Path) -> tuple[bytes, ...]:
    """The generated development keys, newest first; created once with mode 0600
    (race-safe), then read again only when the file changes (a rotation in another
    process puts a new key first, and every process must encrypt with it)."""
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        stamp = -1
    cached = _key_files.get(str(path))
    if cached is None or cached[0] != stamp:
        loaded = _load_or_create(path)
        cached = _key_files[str(path)] = (path.stat().st_mtime_ns, loaded)
    return cached[1]


def _parse_keys(text: str) -> tuple[bytes, ...]:
    return tuple(part.strip().encode() for part in text.replace(",", "\n").split() if part.strip())


def _load_or_create(path: Path) -> tuple[bytes, ...]:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _parse_keys(path.read_text(encoding="ascii"))
    key = Fernet.generate_key()
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return (key,)


def add_key_to_key_file() -> bytes:
    """Put a new key first in the embedded default's key file, keeping the old ones for
    reading (key rotation without KWARTIER_ENCRYPTION_KEY). Returns the new key."""
    path = key_file_path()
    old = _load_or_create(path)
    key = Fernet.generate_key()
    partial = path.with_name(path.name + ".new")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(b"\n".join((key, *old)) + b"\n")
    partial.replace(path)
    _key_files.pop(str(path), None)
    return key


def key_fingerprint(key: bytes) -> str:
    """A short name for a key that reveals nothing of it (job labels, status output)."""
    return hashlib.sha256(b"kwartier-key-fingerprint:" + key).hexdigest()[:12]


def keys() -> tuple[bytes, ...]:
    """The keys in use, current first: KWARTIER_ENCRYPTION_KEY followed by
    KWARTIER_ENCRYPTION_OLD_KEYS, or else the lines of the generated key file."""
    configured = settings.ENCRYPTION_KEY
    if not configured:
        return _read_or_create_key_file(key_file_path())
    old = tuple(getattr(settings, "ENCRYPTION_OLD_KEYS", ()) or ())
    return (configured.encode(), *(key.encode() for key in old if key))


@lru_cache(maxsize=8)
def _fernet_for(all_keys: tuple[bytes, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in all_keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "KWARTIER_ENCRYPTION_KEY and KWARTIER_ENCRYPTION_OLD_KEYS must be Fernet keys "
            "(32 url-safe base64-encoded bytes)"
        ) from error


def fernet() -> MultiFernet:
    """Encrypts with the current key; decrypts with any key in use (rotation, 0111)."""
    return _fernet_for(keys())


@lru_cache(maxsize=8)
def _current_for(key: bytes) -> Fernet:
    return Fernet(key)


def is_current(token: str) -> bool:
    """Whether a stored token is encrypted with the current key (rotation is done for it)."""
    try:
        _current_for(keys()[0]).decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """The same plain text under the current key (Fernet keeps the original timestamp)."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "Stored story text cannot be decrypted with any configured encryption key"
        ) from error


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
