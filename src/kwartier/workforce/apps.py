from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "kwartier.workforce"
    label = "workforce"
    verbose_name = "Inzet"

    def ready(self) -> None:
        from kwartier.core.context_processors import register_nav

        # ===== vacancies part =====
        from kwartier.workforce import vacancy_nav

        register_nav(vacancy_nav.items)
