from django.urls import path

from thidua.core import views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tim-kiem/", views.search, name="search"),
]
