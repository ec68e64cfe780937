from django.urls import include, path

from kwartier.impact import views

app_name = "impact"

urlpatterns = [
    # --- impact section (points 1–3) ---
    path("", views.home, name="home"),
    path("bijdragen/", views.contribution_list, name="contributions"),
    path("bijdragen/nieuw/", views.contribution_create, name="contribution_create"),
    path(
        "bijdragen/<int:contribution_id>/verwijderen/",
        views.contribution_delete,
        name="contribution_delete",
    ),
    path("signalen/", views.signal_list, name="signals"),
    path("signalen/nieuw/", views.signal_create, name="signal_create"),
    path("signalen/<int:signal_id>/", views.signal_detail, name="signal_detail"),
    path("signalen/<int:signal_id>/reageren/", views.signal_respond, name="signal_respond"),
    path("signalen/<int:signal_id>/uitkomst/", views.signal_outcome, name="signal_outcome"),
    path("responsiviteit/", views.responsiveness, name="responsiveness"),
    path("instellingen/", views.settings_edit, name="settings"),
    path(
        "openbaar/<slug:organisation_slug>/",
        views.public_responsiveness,
        name="public_responsiveness",
    ),
    # --- results section (points 4–8) ---
    path("", include("kwartier.impact.results_urls")),
]
