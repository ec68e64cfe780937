from django.urls import include, path

app_name = "impact"

urlpatterns: list = []

# ============================== results section (points 4–8) ===================================
urlpatterns += [path("", include("kwartier.impact.results_urls"))]
