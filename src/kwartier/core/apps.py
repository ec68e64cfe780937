from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kwartier.core"
    label = "core"
    verbose_name = "Kwartier"

    def ready(self) -> None:
        from kwartier.core import signals  # noqa: F401  (connects login logging)
        from kwartier.core.privacy import ITEMS
        from kwartier.core.processing import register_processing

        register_processing(*ITEMS)
