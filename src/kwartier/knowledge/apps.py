from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "kwartier.knowledge"
    label = "knowledge"
    verbose_name = "Kennisbank"

    def ready(self) -> None:
        from auditlog.signals import pre_log

        from kwartier.core.context_processors import register_nav
        from kwartier.core.home import register_home_panel
        from kwartier.knowledge import home, nav
        from kwartier.knowledge.audit import mask_private_experience

        pre_log.connect(mask_private_experience, dispatch_uid="knowledge-mask-private")
        register_nav(nav.items)

        from kwartier.core.processing import register_processing
        from kwartier.knowledge.privacy import ITEMS

        register_processing(*ITEMS)
        register_home_panel(home.panels)

        from datetime import timedelta

        from kwartier.core.schedule import register_periodic
        from kwartier.knowledge import tasks

        register_periodic(
            "knowledge.search_log_prune",
            every=timedelta(days=1),
            start=lambda now: tasks.prune_search_log.enqueue(),
        )
