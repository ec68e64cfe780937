"""Encryption at rest of original story text."""

from __future__ import annotations

import stat

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from kwartier.knowledge import crypto


def test_without_a_configured_key_one_is_generated_once_readable_by_the_owner_only(
    settings, tmp_path
):
    settings.ENCRYPTION_KEY = None
    settings.DATA_DIR = tmp_path
    token = crypto.encrypt("Mijn verhaal")
    key_file = tmp_path / "encryption.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first_key = key_file.read_bytes()
    assert crypto.decrypt(crypto.encrypt("nog een")) == "nog een"
    assert key_file.read_bytes() == first_key
    assert crypto.decrypt(token) == "Mijn verhaal"
    assert "Mijn verhaal" not in token


def test_a_configured_key_is_used_and_a_wrong_key_fails_loudly(settings):
    settings.ENCRYPTION_KEY = Fernet.generate_key().decode()
    token = crypto.encrypt("geheim")
    settings.ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(token)


def test_a_malformed_key_is_refused(settings):
    settings.ENCRYPTION_KEY = "x" * 44
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("geheim")


def test_the_same_text_encrypts_differently_each_time(settings):
    settings.ENCRYPTION_KEY = Fernet.generate_key().decode()
    assert crypto.encrypt("schulden") != crypto.encrypt("schulden")


def test_text_hash_is_stable_and_separates_parts():
    assert crypto.text_hash("a", "bc") == crypto.text_hash("a", "bc")
    assert crypto.text_hash("a", "bc") != crypto.text_hash("ab", "c")
