"""The menu: the core's own entries, then each capability's (registered by the app in
its AppConfig.ready(), in INSTALLED_APPS order), without the core importing any app."""

from __future__ import annotations

from django.urls import reverse


def test_capability_entries_follow_the_core_entries_in_app_order(alice_client):
    response = alice_client.get(reverse("core:home"))
    labels = [str(item.label) for item in response.context["nav_items"]]
    assert labels[:4] == ["Overzicht", "Organisatie", "Teams", "Leden"]
    positions = [labels.index(label) for label in ("Verkenning", "Kwartiermaakplan", "Kennisbank")]
    assert positions == sorted(positions), labels
