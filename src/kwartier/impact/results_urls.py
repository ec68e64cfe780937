"""Pages of the results part (included from impact/urls.py)."""

from django.urls import path

from kwartier.impact import results_views as views

urlpatterns = [
    path("doelen/", views.goals, name="goals"),
    path("verhalen/", views.stories, name="stories"),
    path("verhalen/<int:link_id>/loskoppelen/", views.story_unlink, name="story_unlink"),
    path("netwerk/", views.network, name="network"),
    path("netwerk/cijfers.csv", views.network_export, {"kind": "csv"}, name="network_csv"),
    path("netwerk/cijfers.xlsx", views.network_export, {"kind": "xlsx"}, name="network_xlsx"),
    path("cijfers.csv", views.figures_export, {"kind": "csv"}, name="figures_csv"),
    path("cijfers.xlsx", views.figures_export, {"kind": "xlsx"}, name="figures_xlsx"),
    path("rapporten/", views.reports, name="reports"),
    path("rapporten/<int:report_id>/", views.report_detail, name="report_detail"),
    path("rapporten/<int:report_id>/stand/", views.report_status, name="report_status"),
    path("rapporten/<int:report_id>/rapport.pdf", views.report_pdf, name="report_pdf"),
]
