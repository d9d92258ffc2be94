from django.urls import path

from thidua.awards import views

app_name = "awards"
urlpatterns = [
    path("so/", views.ledger_page, name="ledger"),
    path("so/xuat.xlsx", views.ledger_export, name="ledger_export"),
    path("<int:pk>/", views.award_detail, name="detail"),
    path("<int:pk>/thu-hoi/", views.award_revoke, name="revoke"),
    path("ca-nhan/<int:pk>/", views.person_panel, name="person_panel"),
    path("ca-nhan/<int:person_pk>/ghi/", views.award_create_person, name="create_person"),
    path("don-vi/<int:pk>/", views.unit_panel, name="unit_panel"),
    path("don-vi/<int:unit_pk>/ghi/", views.award_create_unit, name="create_unit"),
    path("sang-kien/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("sang-kien/ca-nhan/<int:person_pk>/ghi/", views.initiative_create_person, name="initiative_create_person"),
    path("sang-kien/don-vi/<int:unit_pk>/ghi/", views.initiative_create_unit, name="initiative_create_unit"),
]
