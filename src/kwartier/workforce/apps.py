from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "kwartier.workforce"
    label = "workforce"
    verbose_name = "Inzet"
