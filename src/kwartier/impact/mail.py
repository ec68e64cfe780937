"""The e-mails of Resultaten: a new signal and reminders to its owner, every step to the
one who raised it, escalations to the kwartiermaker. Plain text, sent after the
transaction commits; no signal text goes into a mail, only its title and a link, so a
mailbox holds as little as possible."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from kwartier.accounts.models import User
from kwartier.impact.models import Signal


def signal_url(signal: Signal) -> str:
    base = getattr(settings, "KWARTIER_BASE_URL", "").rstrip("/")
    return base + reverse("impact:signal_detail", kwargs={"signal_id": signal.pk})


def send_signal_mail(
    *, recipients: Iterable[User], subject: str, template: str, signal: Signal, **context: object
) -> None:
    addresses = sorted({user.email for user in recipients if user.is_active and user.email})
    if not addresses:
        return
    body = render_to_string(
        f"impact/email/{template}.txt", {"signal": signal, "url": signal_url(signal), **context}
    )
    transaction.on_commit(
        lambda: send_mail(
            subject=subject,
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=addresses,
        )
    )
