from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "kwartier.trust"
    label = "trust"
    verbose_name = "Toegankelijkheid en privacy"

    def ready(self) -> None:
        # Imported here, once the app registry is ready (Django's place for it).
        from kwartier.core.context_processors import register_nav
        from kwartier.trust import nav

        register_nav(nav.items)
