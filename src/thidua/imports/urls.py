from django.urls import path

from thidua.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.people_import, name="people"),
]
