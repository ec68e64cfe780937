from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kwartier.accounts"
    label = "accounts"
    verbose_name = "Organisaties en accounts"

    def ready(self) -> None:
        # The kinds of personal data this app keeps, for the privacy pages and the DPIA.
        from kwartier.accounts.privacy import ITEMS
        from kwartier.core.processing import register_processing

        register_processing(*ITEMS)
