from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "kwartier.workforce"
    label = "workforce"
    verbose_name = "Inzet"

    def ready(self) -> None:
        # Imported here, once the app registry is ready (Django's place for it).
        from kwartier.core.context_processors import register_nav
        from kwartier.workforce import nav, signals

        signals.connect()
        register_nav(nav.items)
