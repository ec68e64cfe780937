"""The API: each app contributes its router entries and plain views; this module
assembles them under /api/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from kwartier.accounts import api as accounts_api
from kwartier.api.auth import TokenView
from kwartier.collective import api as collective_api
from kwartier.collective import exchange_api as collective_exchange_api
from kwartier.exploration import api as exploration_api
from kwartier.impact import api as impact_api
from kwartier.knowledge import api as knowledge_api
from kwartier.planning import api as planning_api
from kwartier.workforce import api as workforce_api

APPS = [
    accounts_api,
    exploration_api,
    planning_api,
    knowledge_api,
    workforce_api,
    impact_api,
    collective_api,
    collective_exchange_api,  # privacy: REFI-QDA exchange (decision 0106)
]

router = DefaultRouter()
for app_api in APPS:
    app_api.register(router)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api_token"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    *[pattern for app_api in APPS for pattern in getattr(app_api, "urlpatterns", [])],
    path("", include(router.urls)),
]
