"""Signal receivers: a profile registered by the kwartiermaker is tied to the account of
the person once they accept the invitation (a membership of the same organisation with
the profile's e-mail address)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from kwartier.accounts.models import Membership
from kwartier.workforce import services


def _membership_saved(sender: Any, instance: Membership, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        services.profile_link_membership(membership=instance)


def connect() -> None:
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="workforce-link-profile")
