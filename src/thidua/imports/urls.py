from django.urls import path

from thidua.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.people_import, name="people"),
    path("mau.xlsx", views.template_download, name="template"),
    path("khen-thuong/", views.awards_import, name="awards"),
    path("khen-thuong/mau.xlsx", views.awards_template, name="awards_template"),
    path("sang-kien/", views.initiatives_import, name="initiatives"),
    path("sang-kien/mau.xlsx", views.initiatives_template, name="initiatives_template"),
    path("dang-ky-thi-dua/", views.registrations_import, name="registrations"),
    path("dang-ky-thi-dua/mau.xlsx", views.registrations_template, name="registrations_template"),
    path("xep-loai/don-vi/<int:unit_pk>/", views.ratings_grid, name="ratings_grid"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/xac-nhan/", views.confirm, name="confirm"),
    path("<int:pk>/ket-qua/", views.result, name="result"),
    path("<int:pk>/tien-do/", views.status, name="status"),
]
