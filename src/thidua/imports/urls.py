from django.urls import path

from thidua.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.people_import, name="people"),
    path("mau.xlsx", views.template_download, name="template"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/xac-nhan/", views.confirm, name="confirm"),
    path("<int:pk>/ket-qua/", views.result, name="result"),
]
