from django.apps import AppConfig


class CollectiveConfig(AppConfig):
    name = "kwartier.collective"
    label = "collective"
    verbose_name = "Wij-kennis"

    def ready(self) -> None:
        from kwartier.collective import nav, receivers
        from kwartier.core.context_processors import register_nav

        receivers.connect()
        register_nav(nav.items)
