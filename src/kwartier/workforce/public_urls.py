"""The public vacancy pages, under /vacatures/ (namespace "vacancies_public"): no login."""

from django.urls import path

from kwartier.workforce import vacancy_views as views

app_name = "vacancies_public"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("feed/", views.VacancyFeed(), name="feed"),
    path("<uuid:public_id>/", views.public_detail, name="detail"),
]
