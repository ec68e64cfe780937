from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "kwartier.impact"
    label = "impact"
    verbose_name = "Resultaten"

    def ready(self) -> None:
        # Imported here, once the app registry is ready (Django's place for it).
        from kwartier.core.context_processors import register_nav
        from kwartier.impact import nav

        register_nav(nav.items)

        # The kinds of personal data this app keeps, for the privacy pages and the DPIA.
        from kwartier.core.processing import register_processing
        from kwartier.impact.privacy import ITEMS

        register_processing(*ITEMS)
        # results section: the home overview and the periodic reports.
        from datetime import timedelta

        from django.utils import timezone

        from kwartier.core.home import register_home_panel
        from kwartier.core.schedule import register_periodic
        from kwartier.impact import home, results_services, services, story_receivers
        from kwartier.knowledge.public import story_unshared

        register_home_panel(home.panels)
        story_unshared.connect(story_receivers.drop_links, dispatch_uid="impact-story-links")
        register_periodic(
            "impact.daily_reminders",
            every=timedelta(days=1),
            start=lambda now: services.impact_daily_enqueue(day=timezone.localdate(now)),
        )
        register_periodic(
            "impact.quarterly_reports",
            every=timedelta(days=1),
            start=results_services.quarterly_reports_start,
        )
