from django.urls import path

from kwartier.trust import views

app_name = "trust"

urlpatterns = [
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("toegankelijkheid/verklaring.json", views.accessibility_json, name="accessibility_json"),
    path(
        "toegankelijkheid/<slug:organisation_slug>/",
        views.accessibility_organisation,
        name="accessibility_organisation",
    ),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "privacy/<slug:organisation_slug>/",
        views.privacy_organisation,
        name="privacy_organisation",
    ),
    path("privacybeheer/", views.dpia, name="dpia"),
    path("privacybeheer/gegevens/", views.details_edit, name="details_edit"),
    path("privacybeheer/dpia.pdf", views.dpia_pdf, name="dpia_pdf"),
    path("privacybeheer/dpia.docx", views.dpia_docx, name="dpia_docx"),
]
