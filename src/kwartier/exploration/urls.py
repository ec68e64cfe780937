from django.urls import path

from kwartier.exploration import views

app_name = "exploration"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("rondes/nieuw/", views.round_create, name="round_create"),
    path("rondes/<int:round_id>/", views.round_detail, name="round_detail"),
    path("rondes/<int:round_id>/uitnodigen/", views.round_invite, name="round_invite"),
    path("rondes/<int:round_id>/afsluiten/", views.round_close, name="round_close"),
    path("rondes/<int:round_id>/verwijderen/", views.round_delete, name="round_delete"),
    path(
        "rondes/<int:round_id>/open-antwoorden/",
        views.round_open_answers_retry,
        name="round_open_answers_retry",
    ),
    path("rondes/<int:round_id>/resultaten/", views.round_results, name="round_results"),
    path("rondes/<int:round_id>/rapport.pdf", views.round_report_pdf, name="round_report_pdf"),
    path("rondes/<int:round_id>/resultaten.csv", views.round_export_csv, name="round_export_csv"),
    path(
        "rondes/<int:round_id>/resultaten.xlsx", views.round_export_xlsx, name="round_export_xlsx"
    ),
    path("zorgen/", views.concern_list, name="concern_list"),
    path("zorgen/nieuw/", views.concern_create, name="concern_create"),
    path("zorgen/<int:concern_id>/bewerken/", views.concern_edit, name="concern_edit"),
    path("zorgen/<int:concern_id>/verwijderen/", views.concern_delete, name="concern_delete"),
    # Templates are shared by all organisations; `key` is the template's stable name.
    path("sjablonen/", views.template_list, name="template_list"),
    path("sjablonen/<slug:key>/", views.template_detail, name="template_detail"),
    path("sjablonen/<slug:key>/bewerken/", views.template_edit, name="template_edit"),
    # Public respondent pages: no account, the token is the only key.
    path("uitnodiging/<str:token>/", views.invitation_start, name="invitation_start"),
    path("groep/<str:token>/", views.group_start, name="group_start"),
    path("invullen/<str:token>/", views.respond, name="respond"),
    path("invullen/<str:token>/bewaard/", views.respond_saved, name="respond_saved"),
]
