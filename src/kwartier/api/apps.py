from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kwartier.api"
    label = "api"
    verbose_name = "API"
