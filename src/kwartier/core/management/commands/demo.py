"""`kwartier demo`: load the demo organisations, people and, per capability, their data.

Idempotent: running it again changes nothing that is already there. Each app that has
demo data provides `kwartier.<app>.demo.load(stdout)`; they run in INSTALLED_APPS order.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Laadt demogegevens (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.name.startswith("kwartier.") or find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar."))
