from django.urls import path

from thidua.eligibility import path_views, views

app_name = "eligibility"
urlpatterns = [
    path("ca-nhan/<int:pk>/", views.person_panel, name="person_panel"),
    path("don-vi/<int:pk>/", views.unit_panel, name="unit_panel"),
    path("don-vi/<int:pk>/danh-sach/", views.qualified, name="qualified"),
    path("lo-trinh/ca-nhan/<int:pk>/", path_views.person_path, name="person_path"),
    path("lo-trinh/don-vi/<int:pk>/", path_views.unit_path, name="unit_path"),
    path("lo-trinh/don-vi/<int:pk>/ca-nhan/", path_views.unit_people_paths, name="unit_people_paths"),
    path("tep-excel/<int:pk>/", views.export, name="export"),
    path("tep-excel/<int:pk>/tai-ve/", views.export_download, name="export_download"),
    path("bo-quy-tac/<str:ruleset_id>/", views.ruleset_detail, name="ruleset"),
    path("bo-quy-tac/<str:ruleset_id>/bat-tat/", views.ruleset_switch, name="ruleset_switch"),
]
