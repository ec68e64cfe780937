from django.apps import AppConfig


class ExplorationConfig(AppConfig):
    name = "kwartier.exploration"
    label = "exploration"
    verbose_name = "Verkenning"
