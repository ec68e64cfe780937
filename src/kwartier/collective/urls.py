from django.urls import path

from kwartier.collective import exchange_views, views

app_name = "collective"

urlpatterns = [
    path("", views.home, name="home"),
    path("vraag/", views.ask, name="ask"),
    path("inzichten/", views.insights, name="insights"),
    path("inzichten/<int:insight_id>/", views.insight, name="insight"),
    path("mijn-betekenis/", views.meaning, name="meaning"),
    path("mijn-betekenis/<int:experience_id>/", views.meaning_edit, name="meaning_edit"),
    path("codeboeken/nieuw/", views.codebook_create, name="codebook_create"),
    path("codeboeken/<int:codebook_id>/", views.codebook, name="codebook"),
    path("codeboeken/<int:codebook_id>/ongedaan/", views.change_undo, name="change_undo"),
    path("codeboeken/<int:codebook_id>/verhalen/", views.stories, name="stories"),
    path(
        "codeboeken/<int:codebook_id>/verhalen/<int:experience_id>/",
        views.code_story,
        name="code_story",
    ),
    path("codeboeken/<int:codebook_id>/overeenstemming/", views.agreement, name="agreement"),
    path(
        "codeboeken/<int:codebook_id>/nieuw-inzicht/", views.insight_create, name="insight_create"
    ),
    path("codes/<int:code_id>/", views.topic, name="topic"),
    path("codes/<int:code_id>/bewerken/", views.code_edit, name="code_edit"),
    path("codes/<int:code_id>/buiten-gebruik/", views.code_retire, name="code_retire"),
    path("coderingen/<int:coding_id>/verwijderen/", views.coding_delete, name="coding_delete"),
    # --- privacy: REFI-QDA, CSV and JSON exchange (decision 0106) ---
    path(
        "codeboeken/<int:codebook_id>/uitwisselen/",
        exchange_views.exchange_page,
        name="exchange",
    ),
    path(
        "codeboeken/<int:codebook_id>/uitwisselen/project/",
        exchange_views.export_project,
        name="export_project",
    ),
    path(
        "codeboeken/<int:codebook_id>/export/<str:fmt>/",
        exchange_views.export,
        name="export",
    ),
]
