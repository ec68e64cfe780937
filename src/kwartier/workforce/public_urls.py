"""The public vacancy pages, under /vacatures/ (namespace "vacancies_public"): no login."""

from django.urls import path

from kwartier.core.ratelimit import rate_limit
from kwartier.workforce import vacancy_views as views

app_name = "vacancies_public"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("feed/", rate_limit("public")(views.VacancyFeed()), name="feed"),
    path("<uuid:public_id>/", views.public_detail, name="detail"),
]
