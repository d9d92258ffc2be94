from django.urls import include, path

from thidua.people import views

app_name = "people"
person_patterns = [
    path("", views.people_list, name="list"),
    path("xuat.xlsx", views.people_list_export, name="list_export"),
    path("them/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/dieu-chuyen/", views.transfer, name="transfer"),
    path("<int:pk>/xep-loai/", views.evaluate, name="evaluate"),
    path("<int:pk>/ky-luat/", views.discipline_add, name="discipline_add"),
    # The unit page's panels.
    path("don-vi/<int:pk>/", views.unit_panel, name="unit_panel"),
    path("don-vi/<int:pk>/xep-loai/", views.unit_ratings_panel, name="unit_ratings_panel"),
]
# A unit's rating and its people's export keep the addresses of the unit's pages.
unit_patterns = [
    path("xep-loai/", views.unit_evaluate, name="unit_evaluate"),
    path("xuat-ca-nhan.xlsx", views.unit_export, name="unit_export"),
]
urlpatterns = [
    path("ca-nhan/", include(person_patterns)),
    path("don-vi/<int:pk>/", include(unit_patterns)),
]
