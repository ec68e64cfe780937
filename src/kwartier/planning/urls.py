from django.urls import path

from kwartier.planning import views
from kwartier.planning.forms import SECTIONS

app_name = "planning"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nieuw/", views.plan_create, name="create"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/pdf/", views.plan_pdf, name="pdf"),
    path("<int:plan_id>/bewerken/", views.plan_edit, name="edit"),
    path("<int:plan_id>/vaststellen/", views.plan_adopt, name="adopt"),
    path("<int:plan_id>/scenarios/", views.scenario_list, name="scenarios"),
    path("<int:plan_id>/scenarios/nieuw/", views.scenario_create, name="scenario_create"),
    path("<int:plan_id>/scenarios/vergelijken/", views.scenario_compare, name="scenario_compare"),
    path("<int:plan_id>/voortgang/", views.progress, name="progress"),
    path("scenario/<int:scenario_id>/", views.scenario_detail, name="scenario_detail"),
    path("scenario/<int:scenario_id>/verwijderen/", views.scenario_delete, name="scenario_delete"),
    path(
        "voortgang/<int:progress_entry_id>/verwijderen/",
        views.progress_delete,
        name="progress_delete",
    ),
    # One edit page per part of the plan: /plan/<id>/doelen/, /plan/<id>/inzet/, …
    *[
        path(
            f"<int:plan_id>/{slug}/",
            views.plan_section,
            {"section": slug},
            name=f"section_{slug}",
        )
        for slug in SECTIONS
    ],
]
