from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "kwartier.planning"
    label = "planning"
    verbose_name = "Kwartiermaakplan"

    def ready(self) -> None:
        # Imported here, once the app registry is ready (Django's place for it).
        from kwartier.core.context_processors import register_nav
        from kwartier.core.home import register_home_panel
        from kwartier.planning import home, nav

        register_nav(nav.items)

        from kwartier.core.processing import register_processing
        from kwartier.planning.privacy import ITEMS

        register_processing(*ITEMS)
        register_home_panel(home.panels)
