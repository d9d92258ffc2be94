from django.urls import path

from thidua.people import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("xuat.xlsx", views.people_list_export, name="list_export"),
    path("them/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/dieu-chuyen/", views.transfer, name="transfer"),
    path("<int:pk>/xep-loai/", views.evaluate, name="evaluate"),
    path("<int:pk>/ky-luat/", views.discipline_add, name="discipline_add"),
]
