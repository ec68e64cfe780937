from django.urls import path

from kwartier.knowledge.views import mine, personal, reads, search, sharing

app_name = "knowledge"

urlpatterns = [
    path("", search.search, name="search"),
    path("export/", search.export, name="export"),
    path("ervaringen/<int:experience_id>/", search.detail, name="detail"),
    path("openbaar/", search.public_search, name="public_search"),
    path("openbaar/<uuid:public_id>/", search.public_detail, name="public_detail"),
    path("mijn/", mine.mine, name="mine"),
    path("mijn/nieuw/", mine.create, name="create"),
    path("mijn/opnemen/", mine.record, name="record"),
    path("mijn/controleren/", sharing.deidentify_bulk, name="deidentify_bulk"),
    path("mijn/inzage/", reads.access_log, name="access_log"),
    path("mijn/<int:experience_id>/", mine.my_detail, name="my_detail"),
    path("mijn/<int:experience_id>/bewerken/", mine.edit, name="edit"),
    path("mijn/<int:experience_id>/autosave/", mine.autosave, name="autosave"),
    path("mijn/<int:experience_id>/zoeken/", sharing.deidentify, name="deidentify"),
    path("mijn/<int:experience_id>/nalopen/", sharing.review, name="review"),
    path("mijn/<int:experience_id>/delen/", sharing.publish, name="publish"),
    path("mijn/<int:experience_id>/intrekken/", sharing.withdraw, name="withdraw"),
    path("mijn/<int:experience_id>/verwijderen/", sharing.delete, name="delete"),
    # privacy: the author's own data (decision 0107)
    path("mijn/gegevens/", personal.my_data, name="my_data"),
    path("mijn/gegevens/downloaden/", personal.my_data_download, name="my_data_download"),
    path("mijn/gegevens/wissen/", personal.my_data_erase, name="my_data_erase"),
]
