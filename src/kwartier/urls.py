from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from kwartier.accounts import admin_access
from kwartier.core import views as core_views

# The admin uses Kwartier's own login, needs two-step verification and lists no
# credentials (admin_access).
admin_access.harden_admin_site(admin.site)

urlpatterns = [
    path("", include("kwartier.core.urls")),
    path("organisatie/", include("kwartier.accounts.urls")),
    path("verkenning/", include("kwartier.exploration.urls")),
    path("plan/", include("kwartier.planning.urls")),
    path("kennisbank/wij-kennis/", include("kwartier.collective.urls")),
    path("kennisbank/", include("kwartier.knowledge.urls")),
    path("resultaten/", include("kwartier.impact.urls")),
    path("inzet/vacatures/", include("kwartier.workforce.vacancy_urls")),
    path("vacatures/", include("kwartier.workforce.public_urls")),
    path("", include("kwartier.trust.urls")),
    path("inzet/", include("kwartier.workforce.urls")),
    path("platform/", include("kwartier.accounts.platform_urls")),
    path("accounts/", include("allauth.urls")),
    path("api/", include("kwartier.api.urls")),
    path("taal/", set_language, name="set_language"),
    path("beheer/", admin.site.urls),
]

handler400 = core_views.bad_request
handler404 = core_views.page_not_found
handler500 = core_views.server_error
handler403 = core_views.permission_denied

if settings.DEBUG:
    urlpatterns.append(path("__debug__/500/", core_views.raise_error))
