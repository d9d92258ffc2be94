from django.urls import path

from thidua.org import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("chon/", views.unit_choices, name="unit_choices"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/con/", views.tree_children, name="children"),
    path("<int:pk>/them-don-vi/", views.create_child, name="create_child"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/sap-nhap/", views.succession, name="succession"),
    path("<int:pk>/xuat-don-vi.xlsx", views.units_export, name="units_export"),
    path("khoi/", views.blocs, name="blocs"),
    path("khoi/them/", views.bloc_create, name="bloc_create"),
    path("khoi/<int:pk>/", views.bloc_detail, name="bloc_detail"),
    path("khoi/<int:pk>/chuyen-nam/", views.bloc_year_copy, name="bloc_year_copy"),
]
