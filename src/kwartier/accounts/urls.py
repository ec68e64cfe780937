from django.urls import path

from kwartier.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.organisation_detail, name="organisation"),
    path("bewerken/", views.organisation_edit, name="organisation_edit"),
    path("wisselen/", views.switch_organisation, name="switch"),
    path("teams/", views.team_list, name="teams"),
    path("teams/nieuw/", views.team_create, name="team_create"),
    path("teams/<int:team_id>/bewerken/", views.team_edit, name="team_edit"),
    path("teams/<int:team_id>/verwijderen/", views.team_delete, name="team_delete"),
    path("leden/", views.member_list, name="members"),
    path("leden/exporteren/", views.member_export, name="member_export"),
    path("leden/<int:membership_id>/bewerken/", views.member_edit, name="member_edit"),
    path("leden/<int:membership_id>/verwijderen/", views.member_remove, name="member_remove"),
    path("uitnodigingen/", views.invitation_list, name="invitations"),
    path(
        "uitnodigingen/<int:invitation_id>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("auditlog/", views.audit_log, name="audit_log"),
]
