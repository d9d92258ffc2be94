from django.urls import path

from thidua.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.kind_list, name="list"),
    path("<str:code>/", views.kind_detail, name="detail"),
]
