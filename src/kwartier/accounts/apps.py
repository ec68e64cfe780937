from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kwartier.accounts"
    label = "accounts"
    verbose_name = "Organisaties en accounts"
