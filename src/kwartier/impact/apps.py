from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "kwartier.impact"
    label = "impact"
    verbose_name = "Resultaten"

    def ready(self) -> None:
        # Imported here, once the app registry is ready (Django's place for it).
        from kwartier.core.context_processors import register_nav
        from kwartier.impact import nav

        register_nav(nav.items)
