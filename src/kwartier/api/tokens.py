"""Issuing and checking API tokens. Only the hash of a token is stored."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kwartier.accounts.models import User
from kwartier.api.models import ApiToken
from kwartier.core import tokens

# `last_used_at` is written at most this often, not on every request.
LAST_USED_PRECISION = timedelta(minutes=5)


@transaction.atomic
def api_token_create(*, user: User) -> str:
    """A new token for `user`; the returned key is the only copy there will be."""
    key, key_hash = tokens.new_token()
    ApiToken.objects.create(user=user, key_hash=key_hash)
    return key


def api_token_user(*, key: str) -> User | None:
    """The active user a presented token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=tokens.hash_token(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
