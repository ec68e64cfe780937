from django.urls import path

from kwartier.accounts import platform_views

app_name = "platform"

urlpatterns = [
    path("organisaties/", platform_views.organisation_list, name="organisations"),
    path("netwerken/", platform_views.network_list, name="networks"),
    path("financiers/", platform_views.financier_list, name="financiers"),
]
