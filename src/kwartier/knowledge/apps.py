from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "kwartier.knowledge"
    label = "knowledge"
    verbose_name = "Kennisbank"
