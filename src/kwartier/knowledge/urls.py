from django.urls import path

from kwartier.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.search, name="search"),
    path("export/", views.export, name="export"),
    path("ervaringen/<int:experience_id>/", views.detail, name="detail"),
    path("openbaar/", views.public_search, name="public_search"),
    path("openbaar/<uuid:public_id>/", views.public_detail, name="public_detail"),
    path("mijn/", views.mine, name="mine"),
    path("mijn/nieuw/", views.create, name="create"),
    path("mijn/opnemen/", views.record, name="record"),
    path("mijn/controleren/", views.deidentify_bulk, name="deidentify_bulk"),
    path("mijn/inzage/", views.access_log, name="access_log"),
    path("mijn/<int:experience_id>/", views.my_detail, name="my_detail"),
    path("mijn/<int:experience_id>/bewerken/", views.edit, name="edit"),
    path("mijn/<int:experience_id>/autosave/", views.autosave, name="autosave"),
    path("mijn/<int:experience_id>/zoeken/", views.deidentify, name="deidentify"),
    path("mijn/<int:experience_id>/nalopen/", views.review, name="review"),
    path("mijn/<int:experience_id>/delen/", views.publish, name="publish"),
    path("mijn/<int:experience_id>/intrekken/", views.withdraw, name="withdraw"),
    path("mijn/<int:experience_id>/verwijderen/", views.delete, name="delete"),
]
