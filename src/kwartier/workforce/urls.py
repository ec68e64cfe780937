from django.urls import path

from kwartier.workforce import allowance_views

app_name = "workforce"

urlpatterns = [
    # ===== allowance part =====
    path("vergoeding/", allowance_views.allowance_check, name="allowance_check"),
    # ===== end of the allowance part =====
]
