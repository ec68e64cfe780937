"""Every login attempt is logged (ASVS 16.3), successful or not, without the password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from kwartier.core.models import AccessAction
from kwartier.core.services import access_log_record


@receiver(user_logged_in)
def log_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    access_log_record(actor=user, action=AccessAction.LOGIN, object_type="account")


@receiver(user_login_failed)
def log_login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    login = str(credentials.get("email") or credentials.get("username") or "")[:254]
    access_log_record(
        actor=None,
        action=AccessAction.LOGIN_FAILED,
        object_type="account",
        result="failed",
        detail=login,
    )
