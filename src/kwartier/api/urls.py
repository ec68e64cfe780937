"""The API: each app contributes its router; this module assembles them."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from kwartier.accounts.api import register as register_accounts
from kwartier.api.auth import TokenView

router = DefaultRouter()
register_accounts(router)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api_token"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("", include(router.urls)),
]
