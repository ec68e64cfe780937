"""Pages of Inzet under /inzet/. Sections per part of issue 9: the vacancies and allowance
parts append their own patterns below their markers (their views live in their modules)."""

from django.urls import path

from kwartier.workforce import allowance_views, views

app_name = "workforce"

# ===== workforce part: profiles, positions, support, intervisie, portfolio =====
urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-profiel/", views.my_profile, name="my_profile"),
    path("nieuw/", views.profile_create, name="profile_create"),
    path("ondersteuning/", views.support, name="support"),
    path("<int:profile_id>/", views.profile_detail, name="profile_detail"),
    path("<int:profile_id>/bewerken/", views.profile_edit, name="profile_edit"),
    path("<int:profile_id>/uitnodigen/", views.profile_invite, name="profile_invite"),
    path("<int:profile_id>/verwijderen/", views.profile_delete, name="profile_delete"),
    # positions
    path("<int:profile_id>/functies/nieuw/", views.position_create, name="position_create"),
    path("functies/<int:position_id>/bewerken/", views.position_edit, name="position_edit"),
    path("functies/<int:position_id>/verwijderen/", views.position_delete, name="position_delete"),
    # training, registration, coaching
    path("<int:profile_id>/opleidingen/nieuw/", views.training_create, name="training_create"),
    path(
        "opleidingen/<int:training_id>/verwijderen/",
        views.training_delete,
        name="training_delete",
    ),
    path(
        "<int:profile_id>/registraties/nieuw/",
        views.registration_create,
        name="registration_create",
    ),
    path(
        "registraties/<int:registration_id>/verwijderen/",
        views.registration_delete,
        name="registration_delete",
    ),
    path("<int:profile_id>/coaching/nieuw/", views.coaching_create, name="coaching_create"),
    path("coaching/<int:coaching_id>/verwijderen/", views.coaching_delete, name="coaching_delete"),
    # intervisie
    path("intervisie/", views.group_list, name="group_list"),
    path("intervisie/nieuw/", views.group_create, name="group_create"),
    path("intervisie/<int:group_id>/", views.group_detail, name="group_detail"),
    path("intervisie/<int:group_id>/bijeenkomst/", views.session_create, name="session_create"),
    path(
        "intervisie/bijeenkomst/<int:session_id>/",
        views.session_detail,
        name="session_detail",
    ),
    path(
        "intervisie/deelnemer/<int:member_id>/verwijderen/",
        views.member_remove,
        name="member_remove",
    ),
    # development portfolio
    path("<int:profile_id>/portfolio/", views.portfolio, name="portfolio"),
    path("<int:profile_id>/portfolio/pdf/", views.portfolio_pdf, name="portfolio_pdf"),
    path("<int:profile_id>/portfolio/json/", views.portfolio_json, name="portfolio_json"),
    path("<int:profile_id>/portfolio/uren/nieuw/", views.hours_create, name="hours_create"),
    path("portfolio/uren/<int:hours_id>/bevestiging/", views.hours_request, name="hours_request"),
    path("portfolio/uren/<int:hours_id>/verwijderen/", views.hours_delete, name="hours_delete"),
    path("<int:profile_id>/portfolio/doelen/nieuw/", views.goal_create, name="goal_create"),
    path("portfolio/doelen/<int:goal_id>/verwijderen/", views.goal_delete, name="goal_delete"),
    path("<int:profile_id>/portfolio/loopbaan/nieuw/", views.step_create, name="step_create"),
    path("portfolio/loopbaan/<int:step_id>/verwijderen/", views.step_delete, name="step_delete"),
    # the supervisor's single-use link (no account)
    path("bevestigen/<str:token>/", views.confirm_hours, name="confirm_hours"),
]
# ===== end of the workforce part =====

# ===== allowance part: the volunteer-allowance check =====
urlpatterns += [
    path("vergoeding/", allowance_views.allowance_check, name="allowance_check"),
]
# ===== end of the allowance part =====
