"""The organisation's vacancy pages, under /inzet/vacatures/ (namespace "vacancies")."""

from django.urls import path

from kwartier.workforce import vacancy_views as views

app_name = "vacancies"

urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("nieuw/", views.vacancy_create, name="create"),
    path("voor-mij/", views.vacancies_for_me, name="for_me"),
    path("zoekopdrachten/", views.saved_searches, name="searches"),
    path(
        "zoekopdrachten/<int:search_id>/verwijderen/",
        views.saved_search_delete,
        name="search_delete",
    ),
    path("<int:vacancy_id>/", views.vacancy_detail, name="detail"),
    path("<int:vacancy_id>/bewerken/", views.vacancy_edit, name="edit"),
    path("<int:vacancy_id>/publiceren/", views.vacancy_publish, name="publish"),
    path("<int:vacancy_id>/sluiten/", views.vacancy_close, name="close"),
    path("<int:vacancy_id>/kandidaten/", views.vacancy_matches, name="matches"),
    path("<int:vacancy_id>/plaatsing/", views.vacancy_placement, name="placement"),
]
