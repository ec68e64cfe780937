from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "kwartier.planning"
    label = "planning"
    verbose_name = "Kwartiermaakplan"
