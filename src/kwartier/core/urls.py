from django.urls import path

from kwartier.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("taken/<str:job_id>/", views.job_detail, name="job"),
    path("taken/<str:job_id>/voortgang/", views.job_progress, name="job_progress"),
    path("taken/<str:job_id>/download/", views.job_download, name="job_download"),
    path("health/bare/", views.health_bare, name="health_bare"),
]
