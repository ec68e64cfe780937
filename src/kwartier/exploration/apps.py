from django.apps import AppConfig


class ExplorationConfig(AppConfig):
    name = "kwartier.exploration"
    label = "exploration"
    verbose_name = "Verkenning"

    def ready(self) -> None:
        # Imported here, once the app registry is ready (Django's place for it).
        from kwartier.core.context_processors import register_nav
        from kwartier.core.home import register_home_panel
        from kwartier.exploration import home, nav

        register_nav(nav.items)

        from kwartier.core.processing import register_processing
        from kwartier.exploration.privacy import ITEMS

        register_processing(*ITEMS)
        register_home_panel(home.panels)
